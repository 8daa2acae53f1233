using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Infrastructure.Caching;

namespace MovieNews.Web.Features.Comments;

/// <summary>
/// Likes and reports are stored the moment they are given (the rows are the truth), but the counts readers see —
/// and the "best" order and cached article page that show them — change in batches: every
/// <c>Comments:LikeFlushSeconds</c> (default 5) the comments liked or reported since the last batch are recounted
/// from their rows (likes for, open reports against), their articles get a new ETag, and their cached pages are
/// evicted once. So a hot article under a stream of likes is rendered again at most once per
/// interval, not once per click. Recounting (not incrementing) keeps the figure right whichever instance took
/// the like, and a batch lost to a restart is corrected by the next like of that comment.
/// </summary>
public sealed partial class CommentLikeFlusher(
    IServiceScopeFactory scopes, ReaderCacheInvalidation caches, IConfiguration configuration, ILogger<CommentLikeFlusher> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private HashSet<(int ArticleId, int CommentId)> _dirty = [];

    public TimeSpan Interval { get; } = TimeSpan.FromSeconds(Math.Max(0.05, configuration.GetValue("Comments:LikeFlushSeconds", 5.0)));

    /// <summary>A like or a report (given or dismissed) changed the comment's standing: it is recounted with the next batch.</summary>
    public void MarkChanged(int articleId, int commentId)
    {
        lock (_gate)
        {
            _dirty.Add((articleId, commentId));
        }
    }

    /// <summary>Recounts what was liked since the last batch and evicts those articles' pages; tests call it directly.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        HashSet<(int ArticleId, int CommentId)> batch;
        lock (_gate)
        {
            if (_dirty.Count == 0)
            {
                return;
            }

            (batch, _dirty) = (_dirty, []);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
            var commentIds = batch.Select(b => b.CommentId).Distinct().ToList();
            var counts = await db.CommentLikes.Where(l => commentIds.Contains(l.CommentId))
                .GroupBy(l => l.CommentId)
                .Select(g => new { CommentId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(c => c.CommentId, c => c.Count, cancellationToken);
            var reports = await db.CommentReports.Where(r => commentIds.Contains(r.CommentId) && r.DismissedUtc == null)
                .GroupBy(r => r.CommentId)
                .Select(g => new { CommentId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(c => c.CommentId, c => c.Count, cancellationToken);
            foreach (var id in commentIds)
            {
                var likes = counts.GetValueOrDefault(id);
                var score = BestScore.Of(likes, reports.GetValueOrDefault(id));
                await db.Comments.Where(c => c.Id == id)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.LikeCount, likes).SetProperty(c => c.BestScore, score), cancellationToken);
            }

            var articleIds = batch.Select(b => b.ArticleId).Distinct().ToList();
            await db.Articles.Where(a => articleIds.Contains(a.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.CommentsVersion, a => a.CommentsVersion + 1), cancellationToken);
            await caches.EvictArticlesAsync(articleIds, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Try this batch again next time rather than lose it: the rows are there, only the figures wait.
            lock (_gate)
            {
                _dirty.UnionWith(batch);
            }

            FlushFailed(logger, e);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: likes not yet counted are in their rows; the next like of each comment recounts it.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Like counts could not be updated; they will be retried in the next batch.")]
    private static partial void FlushFailed(ILogger logger, Exception exception);
}
