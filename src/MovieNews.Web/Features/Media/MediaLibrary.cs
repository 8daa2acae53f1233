using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Media;

/// <summary>What an editor types about a picture.</summary>
public sealed record MediaDescription(string? AltText, string? Caption, string? Credit);

public abstract record UploadResult
{
    private UploadResult()
    {
    }

    public sealed record Uploaded(MediaItem Item) : UploadResult;

    /// <summary>Field names are <see cref="MediaLibrary.Fields"/>.</summary>
    public sealed record Refused(IReadOnlyDictionary<string, string> Errors) : UploadResult;
}

/// <summary>An article that shows a picture, for the library's "used in" list and the refusal to delete.</summary>
public sealed record MediaUse(int ArticleId, string Title, string Slug, bool Featured, bool InTrash);

/// <summary>Uploads, descriptions, focal points and deletion: every change to the library goes through here.</summary>
public sealed class MediaLibrary(
    MovieNewsDbContext db, IMediaStore store, MediaFiles served, ImageProcessor processor, MarkdownRenderer renderer, AuditLog audit, TimeProvider clock)
{
    public static class Fields
    {
        public const string File = "File";
        public const string AltText = "AltText";
        public const string Caption = "Caption";
        public const string Credit = "Credit";
    }

    // A picture that cannot be decoded scaled (PNG, GIF, WebP) takes four bytes a pixel, several times over while it
    // is oriented and cropped: one at a time keeps the peak to one picture's (editors' uploads are rare).
    private static readonly SemaphoreSlim _processing = new(1);

    // Two uploads of one picture share its files: a delete must not remove a file between an upload writing it and
    // the upload's variant row naming it. Writing files and their rows, and deleting unnamed files, take turns.
    private static readonly SemaphoreSlim _files = new(1);

    public async Task<UploadResult> UploadAsync(string? fileName, byte[] content, MediaDescription description, string uploadedBy, CancellationToken cancellationToken)
    {
        var errors = Validate(description, out var alt, out var caption, out var credit);
        ProcessedImage? processed = null;
        await _processing.WaitAsync(cancellationToken);
        try
        {
            processed = await Task.Run(() => processor.Process(content, FocalPoint.Centre), cancellationToken);
        }
        catch (ImageRefusedException refused)
        {
            errors[Fields.File] = refused.Message;
        }
        finally
        {
            _processing.Release();
        }

        if (errors.Count > 0 || processed is null)
        {
            return new UploadResult.Refused(errors);
        }

        var item = new MediaItem
        {
            FileName = CleanFileName(fileName),
            AltText = alt,
            Caption = caption,
            Credit = credit,
            Width = processed.Width,
            Height = processed.Height,
            SourceFormat = processed.Source,
            SourceBytes = content.Length,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            UploadedBy = uploadedBy,
        };
        await _files.WaitAsync(cancellationToken);
        try
        {
            item.Variants.AddRange(await StoreAsync(processed.Variants, cancellationToken));
            db.MediaItems.Add(item);
            audit.Record("media.upload", $"“{item.FileName}” ({item.Width}×{item.Height})");
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _files.Release();
        }

        return new UploadResult.Uploaded(item);
    }

    /// <summary>New words and focal point for a picture; the social crop is made again when the focal point moved.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> DescribeAsync(int id, MediaDescription description, FocalPoint focal, CancellationToken cancellationToken)
    {
        var errors = Validate(description, out var alt, out var caption, out var credit);
        if (errors.Count > 0)
        {
            return errors;
        }

        var item = await db.MediaItems.Include(m => m.Variants).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return null;
        }

        await _files.WaitAsync(cancellationToken);
        try
        {
            (item.AltText, item.Caption, item.Credit) = (alt, caption, credit);
            if (Math.Abs(item.FocalX - focal.X) > 0.001 || Math.Abs(item.FocalY - focal.Y) > 0.001)
            {
                (item.FocalX, item.FocalY) = (focal.X, focal.Y);
                var largest = item.Variants.Where(v => v.Purpose == VariantPurpose.Width && !v.IsWebP).MaxBy(v => v.Width);
                if (largest is not null && await store.ReadAsync(largest.Key, cancellationToken) is { } source)
                {
                    var social = processor.Recrop(source, focal);
                    // The old crop's file stays: cached pages and shared links may still name it, and files are small.
                    foreach (var old in item.Variants.Where(v => v.Purpose == VariantPurpose.Social).ToList())
                    {
                        item.Variants.Remove(old);
                    }

                    item.Variants.AddRange(await StoreAsync(social, cancellationToken));
                }
            }

            // Pages that feature the picture read its words when rendered: touching them evicts their cached copies.
            foreach (var article in await db.Articles.Where(a => a.FeaturedMediaId == id).ToListAsync(cancellationToken))
            {
                article.CommentsVersion++;
            }

            // Figures in an article's text were rendered when it was saved: render them again with the new words.
            var showing = await db.Articles.Include(a => a.BodyMedia).ThenInclude(m => m.Variants).AsSplitQuery()
                .Where(a => a.BodyMedia.Any(m => m.Id == id)).ToListAsync(cancellationToken);
            foreach (var article in showing)
            {
                article.BodyHtml = renderer.RenderArticle(article.BodyMarkdown, Articles.ArticleAuthoring.ByVariantKey(article.BodyMedia)).Value;
                article.CommentsVersion++;
            }

            audit.Record("media.describe", $"“{item.FileName}”");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Deleted (or changed) by someone else meanwhile.
                return null;
            }
        }
        finally
        {
            _files.Release();
        }

        return new Dictionary<string, string>();
    }

    public async Task<IReadOnlyList<MediaUse>> UsesAsync(int id, CancellationToken cancellationToken)
    {
        var uses = await db.Articles.AsNoTracking()
            .Where(a => a.FeaturedMediaId == id || a.BodyMedia.Any(m => m.Id == id))
            .OrderBy(a => a.Title)
            .Select(a => new MediaUse(a.Id, a.Title, a.Slug, a.FeaturedMediaId == id, a.DeletedUtc != null))
            .ToListAsync(cancellationToken);
        return uses;
    }

    /// <summary>Deletes an unused picture and its files; a picture in use is kept and its uses returned.</summary>
    public async Task<(bool Deleted, IReadOnlyList<MediaUse> Uses)> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var uses = await UsesAsync(id, cancellationToken);
        var item = await db.MediaItems.Include(m => m.Variants).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null || uses.Count > 0)
        {
            return (false, uses);
        }

        var keys = item.Variants.Select(v => v.Key).ToList();
        db.MediaItems.Remove(item);
        audit.Record("media.delete", $"“{item.FileName}”");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // An editor chose it between our check and our delete: the database's restriction kept it.
            db.ChangeTracker.Clear();
            return (false, await UsesAsync(id, cancellationToken));
        }

        await DeleteUnreferencedAsync(keys, cancellationToken);
        return (true, []);
    }

    private async Task<List<MediaVariant>> StoreAsync(IEnumerable<ImageVariant> variants, CancellationToken cancellationToken)
    {
        var stored = new List<MediaVariant>();
        foreach (var variant in variants)
        {
            var key = MediaAddresses.KeyFor(variant.Content, variant.Extension);
            await store.SaveAsync(key, variant.Content, cancellationToken);
            stored.Add(new MediaVariant { Key = key, Purpose = variant.Purpose, Width = variant.Width, Height = variant.Height, Bytes = variant.Content.Length });
        }

        return stored;
    }

    /// <summary>Two uploads of the same picture share files: a file goes only when no variant names it.</summary>
    private async Task DeleteUnreferencedAsync(List<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await _files.WaitAsync(cancellationToken);
        try
        {
            var stillUsed = await db.MediaVariants.AsNoTracking().Where(v => keys.Contains(v.Key)).Select(v => v.Key).ToListAsync(cancellationToken);
            foreach (var key in keys.Except(stillUsed))
            {
                await store.DeleteAsync(key, cancellationToken);
                served.Forget(key);
            }
        }
        finally
        {
            _files.Release();
        }
    }

    private static Dictionary<string, string> Validate(MediaDescription description, out string alt, out string? caption, out string? credit)
    {
        var errors = new Dictionary<string, string>();
        alt = TextNormalizer.SingleLine(description.AltText);
        caption = Optional(description.Caption);
        credit = Optional(description.Credit);
        if (alt.Length == 0)
        {
            errors[Fields.AltText] = SiteText.Get("Describe the picture for readers who cannot see it: alt text is required.");
        }
        else if (alt.Length > MediaItem.AltTextMaxLength)
        {
            errors[Fields.AltText] = SiteText.Format("Alt text is at most {0:N0} characters (this is {1:N0}).", MediaItem.AltTextMaxLength, alt.Length);
        }

        if (caption?.Length > MediaItem.CaptionMaxLength)
        {
            errors[Fields.Caption] = SiteText.Format("A caption is at most {0:N0} characters (this is {1:N0}).", MediaItem.CaptionMaxLength, caption.Length);
        }

        if (credit?.Length > MediaItem.CreditMaxLength)
        {
            errors[Fields.Credit] = SiteText.Format("A credit is at most {0:N0} characters (this is {1:N0}).", MediaItem.CreditMaxLength, credit.Length);
        }

        return errors;
    }

    private static string? Optional(string? value) => TextNormalizer.SingleLine(value) is { Length: > 0 } text ? text : null;

    /// <summary>The name is only ever shown and searched: its folders go, and it is kept short.</summary>
    private static string CleanFileName(string? fileName)
    {
        var name = TextNormalizer.SingleLine(Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/')));
        name = name.Length == 0 ? "upload" : name;
        return name.Length > MediaItem.FileNameMaxLength ? name[..MediaItem.FileNameMaxLength] : name;
    }
}
