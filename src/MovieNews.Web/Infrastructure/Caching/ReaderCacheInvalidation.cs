using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Infrastructure.Caching;

/// <summary>
/// The one place where a change reaches the reader caches: every write goes through <c>SaveChanges</c>, so this
/// interceptor sees what changed — an article, a comment readers can see (or could see before), the moderation
/// settings — bumps the ETag of the articles concerned in the same transaction, and evicts their cached pages once
/// the change is committed (never before: a reader in between would put the old page back for half an hour).
/// Features write their entities and know nothing of caching.
/// </summary>
public sealed partial class ReaderCacheInvalidation(IOutputCacheStore store, ScheduledArticles scheduled, TimeProvider clock, ILogger<ReaderCacheInvalidation> logger)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var pending = _pending.GetOrCreateValue(context);
            pending.Saving = true;
            Collect(context, pending);
        }

        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionCommittedAsync(transaction, eventData).GetAwaiter().GetResult();

    public void SaveChangesFailed(DbContextErrorEventData eventData) => SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionRolledBackAsync(transaction, eventData).GetAwaiter().GetResult();

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context || !_pending.TryGetValue(context, out var pending))
        {
            return result;
        }

        // In the same transaction as the change when the caller opened one; right after it otherwise.
        pending.Saving = false;
        await pending.BumpAsync(context, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (context.Database.CurrentTransaction is null)
        {
            await FlushAsync(context, cancellationToken);
        }

        return result;
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            pending.Saving = false;
            pending.ForgetCounts();
        }

        return Task.CompletedTask;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // SaveChanges without a transaction of the caller's commits one of its own: SavedChanges follows and flushes.
        if (eventData.Context is { } context && !(_pending.TryGetValue(context, out var pending) && pending.Saving))
        {
            await FlushAsync(context, cancellationToken);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // Nothing reached the database; evicting would only cost readers a render.
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Evicts article pages for a change that bypassed <c>SaveChanges</c> on purpose: like counts, written in
    /// batches by <see cref="CommentLikeFlusher"/> after it has given the articles a new ETag.
    /// </summary>
    public async Task EvictArticlesAsync(IEnumerable<int> articleIds, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var articleId in articleIds)
            {
                await store.EvictByTagAsync(ReaderPageCache.ArticleTag(articleId), cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            EvictionFailed(logger, e);
        }
    }

    private async Task FlushAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (!_pending.TryGetValue(context, out var pending))
        {
            return;
        }

        _pending.Remove(context);
        try
        {
            if (pending.Everything)
            {
                await store.EvictByTagAsync(ReaderPageCache.AllTag, cancellationToken);
                return;
            }

            // Article cards show each article's comment count.
            if (pending.ArticlesChanged || pending.CommentedArticleIds.Count > 0)
            {
                await store.EvictByTagAsync(ReaderPageCache.ListsTag, cancellationToken);
            }

            if (pending.ArticlesChanged)
            {
                scheduled.RecheckSoon();
            }

            foreach (var articleId in pending.ArticleIds.Union(pending.CommentedArticleIds))
            {
                await store.EvictByTagAsync(ReaderPageCache.ArticleTag(articleId), cancellationToken);
            }

            foreach (var seriesId in pending.SeriesIds)
            {
                await store.EvictByTagAsync(ReaderPageCache.SeriesTag(seriesId), cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change is committed: a cache that cannot be reached must not turn it into an error page.
            EvictionFailed(logger, e);
        }
    }

    private static void Collect(DbContext context, Pending pending)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Article article when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    // A new article has no page cached yet; its lists do. Its own save bumps its Version (the ETag).
                    pending.ArticlesChanged = true;
                    if (entry.State != EntityState.Added)
                    {
                        pending.ArticleIds.Add(article.Id);
                    }

                    // The other parts of its series (before and after the change) link to it.
                    foreach (var seriesId in new[] { article.SeriesId, entry.State == EntityState.Added ? null : (int?)entry.OriginalValues[nameof(Article.SeriesId)] })
                    {
                        if (seriesId is { } id)
                        {
                            pending.SeriesIds.Add(id);
                        }
                    }

                    break;
                case Comment comment when IsVisibleChange(context.Entry(comment)):
                    pending.CommentedArticleIds.Add(comment.ArticleId);
                    pending.CountChange(context.Entry(comment));
                    break;
                case Dictionary<string, object> when entry.Metadata.Name == "ArticleTags" && entry.State is EntityState.Added or EntityState.Deleted:
                    // An article's tags changed: the tag pages and their counts with them.
                    pending.ArticlesChanged = true;
                    break;
                case SiteSetting { Key: ModerationSettings.Key or Features.Site.SiteTime.SettingKey } when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    pending.Everything = true;
                    break;
                case Features.Accounts.EditorUser when entry.State is EntityState.Deleted
                    || (entry.State is EntityState.Modified && _authorFields.Any(field => entry.Property(field).IsModified)):
                    // What author pages, bylines and their links show (sign-ins also update accounts, and evict nothing).
                    pending.Everything = true;
                    break;
            }
        }
    }

    private static readonly string[] _authorFields =
    [
        nameof(Features.Accounts.EditorUser.DisplayName), nameof(Features.Accounts.EditorUser.Bio),
        nameof(Features.Accounts.EditorUser.PictureMediaId), nameof(Features.Accounts.EditorUser.AuthorSlug),
    ];

    /// <summary>A comment readers see now, or saw before this change, was added, changed or removed.</summary>
    private static bool IsVisibleChange(EntityEntry<Comment> entry) => entry.State switch
    {
        EntityState.Added => entry.Entity.Status == CommentStatus.Approved,
        EntityState.Deleted => entry.Property(c => c.Status).OriginalValue == CommentStatus.Approved,
        EntityState.Modified => entry.Entity.Status == CommentStatus.Approved || entry.Property(c => c.Status).OriginalValue == CommentStatus.Approved,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "A change was saved but cached reader pages could not be evicted; they may be stale until they expire.")]
    private static partial void EvictionFailed(ILogger logger, Exception exception);

    private sealed class Pending
    {
        /// <summary>Between SavingChanges and SavedChanges, when a commit is SaveChanges's own.</summary>
        public bool Saving { get; set; }
        public bool Everything { get; set; }
        public bool ArticlesChanged { get; set; }
        public HashSet<int> ArticleIds { get; } = [];
        public HashSet<int> SeriesIds { get; } = [];

        /// <summary>Articles whose visible comments changed: their ETag needs a new CommentsVersion.</summary>
        public HashSet<int> CommentedArticleIds { get; } = [];
        private readonly HashSet<int> _bumped = [];

        /// <summary>This save's effect on the articles' approved-comment counts: new approved comments, or a recount.</summary>
        private readonly Dictionary<int, int> _added = [];
        private readonly HashSet<int> _recount = [];

        /// <summary>
        /// Counts the article's approved comments again. On PostgreSQL a post's <c>CommentCount + 1</c> may hold the
        /// article's row, uncommitted: an UPDATE that waited for it would count with the snapshot it started with and
        /// overwrite that comment's +1. Locking the row first, in a transaction, makes the count a statement of its
        /// own that starts after the post committed. (SQLite has one writer at a time.)
        /// </summary>
        private static async Task RecountAsync(DbContext context, int articleId, int version, CancellationToken cancellationToken)
        {
            var comments = context.Set<Comment>();
            if (context.Database.IsNpgsql())
            {
                await context.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Articles\" WHERE \"Id\" = {articleId} FOR UPDATE", cancellationToken);
            }

            await context.Set<Article>().Where(a => a.Id == articleId)
                .ExecuteUpdateAsync(update => update
                    .SetProperty(a => a.CommentsVersion, a => a.CommentsVersion + version)
                    .SetProperty(a => a.CommentCount, a => comments.Count(c => c.ArticleId == a.Id && c.Status == CommentStatus.Approved)), cancellationToken);
        }

        /// <summary>The save failed: nothing it counted was written.</summary>
        public void ForgetCounts()
        {
            _recount.Clear();
            _added.Clear();
        }

        public void CountChange(EntityEntry<Comment> entry)
        {
            var articleId = entry.Entity.ArticleId;
            switch (entry.State)
            {
                case EntityState.Added:
                    _added[articleId] = _added.GetValueOrDefault(articleId) + 1;
                    break;
                case EntityState.Modified when entry.Property(c => c.Status).OriginalValue == entry.Entity.Status:
                    // Its text or place changed, not whether it counts.
                    break;
                default:
                    // Approved or unapproved, deleted (with whatever the database removes with it): counted again.
                    _recount.Add(articleId);
                    break;
            }
        }
        private bool _bumpedEverything;
        private bool _recountedTags;

        /// <summary>Gives the articles concerned a new ETag, once per transaction however many saves it makes.</summary>
        public async Task BumpAsync(DbContext context, DateTime nowUtc, CancellationToken cancellationToken)
        {
            if (ArticlesChanged && !_recountedTags)
            {
                _recountedTags = true;
                await TagCounts.RecountAsync(context, nowUtc, cancellationToken);
            }

            var articles = context.Set<Article>();
            if (Everything)
            {
                if (!_bumpedEverything)
                {
                    _bumpedEverything = true;
                    await articles.ExecuteUpdateAsync(update => update.SetProperty(a => a.CommentsVersion, a => a.CommentsVersion + 1), cancellationToken);
                }

                return;
            }

            // The stored count the article cards show changes in the same transaction as the comments: a new
            // comment adds itself (the hot path: no count over the article's comments); anything else recounts.
            var bump = CommentedArticleIds.Where(_bumped.Add).ToHashSet();
            // The row locks of a recount (see RecountAsync) need a transaction; one for all the articles, so the pages
            // are evicted once, after every article's new count and ETag are committed.
            await using var transaction = _recount.Count > 0 && context.Database.IsNpgsql() && context.Database.CurrentTransaction is null
                ? await context.Database.BeginTransactionAsync(cancellationToken)
                : null;
            foreach (var id in bump.Union(_recount).Union(_added.Keys).ToList())
            {
                var version = bump.Contains(id) ? 1 : 0;
                if (_recount.Contains(id))
                {
                    await RecountAsync(context, id, version, cancellationToken);
                }
                else
                {
                    var added = _added.GetValueOrDefault(id);
                    if (version > 0 || added > 0)
                    {
                        await articles.Where(a => a.Id == id)
                            .ExecuteUpdateAsync(update => update
                                .SetProperty(a => a.CommentsVersion, a => a.CommentsVersion + version)
                                .SetProperty(a => a.CommentCount, a => a.CommentCount + added), cancellationToken);
                    }
                }
            }

            ForgetCounts();
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
    }
}
