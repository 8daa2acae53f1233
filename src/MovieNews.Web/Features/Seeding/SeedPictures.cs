using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Media;

namespace MovieNews.Web.Features.Seeding;

/// <summary>A seed article's picture, still to be processed.</summary>
public sealed record PendingSeedPicture(string SeedFile, string Slug, string Path, string AltText);

/// <summary>
/// The seed articles' pictures, processed after the site has started: a fresh site answers at once and each
/// picture appears as it is done (a second or two each), instead of the first start waiting for all of them.
/// </summary>
public sealed class SeedPictures(IServiceScopeFactory scopes, ILogger<SeedPictures> logger) : BackgroundService
{
    private readonly List<PendingSeedPicture> _pending = [];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Finishes when every queued picture has been processed (or there were none).</summary>
    public Task Completion => _done.Task;

    /// <summary>Called by the importer before the host starts; a picture queued later waits for the next start's import.</summary>
    public void Enqueue(IEnumerable<PendingSeedPicture> pictures)
    {
        lock (_pending)
        {
            _pending.AddRange(pictures);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        List<PendingSeedPicture> work;
        lock (_pending)
        {
            work = [.. _pending];
            _pending.Clear();
        }

        try
        {
            if (work.Count > 0)
            {
                logger.LogInformation("Processing {Count} seed pictures in the background", work.Count);
            }

            foreach (var picture in work)
            {
                stoppingToken.ThrowIfCancellationRequested();
                try
                {
                    await AttachAsync(picture, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Seed file {File}: its picture could not be attached", picture.SeedFile);
                }
            }

            _done.TrySetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _done.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Seed pictures stopped");
            _done.TrySetException(e);
        }
    }

    private async Task AttachAsync(PendingSeedPicture picture, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        var article = await db.Articles.SingleOrDefaultAsync(a => a.Slug == picture.Slug && a.FeaturedMediaId == null, cancellationToken);
        if (article is null)
        {
            return;
        }

        var content = await File.ReadAllBytesAsync(picture.Path, cancellationToken);
        var result = await scope.ServiceProvider.GetRequiredService<MediaLibrary>().UploadAsync(
            System.IO.Path.GetFileName(picture.Path), content, new MediaDescription(picture.AltText, Caption: null, Credit: null),
            uploadedBy: "seed import", cancellationToken);
        if (result is UploadResult.Refused refused)
        {
            logger.LogWarning("Seed file {File}: its picture was refused by the media library: {Reasons}", picture.SeedFile, string.Join(" ", refused.Errors.Values));
            return;
        }

        // Saving the article evicts its cached pages, so readers see the picture at once.
        article.FeaturedMediaId = ((UploadResult.Uploaded)result).Item.Id;
        article.Version++;
        await db.SaveChangesAsync(cancellationToken);
    }
}
