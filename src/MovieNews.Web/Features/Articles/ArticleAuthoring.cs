using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Rendering;
using MovieNews.Web.Features.Search;

namespace MovieNews.Web.Features.Articles;

public sealed record ArticleInput(
    string Title,
    string Slug,
    string Excerpt,
    string BodyMarkdown,
    string AuthorName,
    ArticleStatus Status,
    DateTime? PublishedUtc,
    IReadOnlyCollection<string> Tags,
    bool CommentsOpen = true,
    int? FeaturedMediaId = null,
    IReadOnlyList<string>? AuthorIds = null,
    bool CustomByline = true,
    SeriesChoice? Series = null,
    string? CreatedById = null);

/// <summary>The series an editor put the article in (an empty title takes it out of one), and its part (empty: the next).</summary>
public sealed record SeriesChoice(string? Title, int? Part);

/// <summary>The stored article an editor's save collided with.</summary>
public sealed record ArticleSnapshot(int Version, string Title, string Excerpt, string BodyMarkdown, DateTime UpdatedUtc, string? SavedBy);

public abstract record SaveArticleResult
{
    private SaveArticleResult()
    {
    }

    public sealed record Saved(Article Article) : SaveArticleResult;
    public sealed record SlugTaken : SaveArticleResult;
    public sealed record Conflict(ArticleSnapshot Current) : SaveArticleResult;
    public sealed record NotFound : SaveArticleResult;
}

/// <summary>
/// Every way an article is written (editor, seed import) goes through here: render once, tag, stamp, keep a
/// revision, audit, and never silently overwrite another editor's newer save.
/// </summary>
public sealed class ArticleAuthoring(
    MovieNewsDbContext db, MarkdownRenderer renderer, AuditLog audit, ISearchIndex search, TimeProvider clock)
{
    public const int GeneratedExcerptLength = 240;

    public async Task<SaveArticleResult> CreateAsync(ArticleInput input, string savedBy, CancellationToken cancellationToken)
    {
        if (await db.Articles.AnyAsync(a => a.Slug == input.Slug, cancellationToken))
        {
            return new SaveArticleResult.SlugTaken();
        }

        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var article = new Article { Slug = input.Slug, Title = input.Title, AuthorName = input.AuthorName, CreatedUtc = nowUtc, CreatedById = input.CreatedById };
        await ApplyAsync(article, input, nowUtc, cancellationToken);
        db.Articles.Add(article);
        audit.Record("article.create", $"“{article.Title}” ({article.Slug})", null, article.Status);
        await SaveWithRevisionAsync(article, savedBy, nowUtc, cancellationToken);
        await search.IndexAsync(article, cancellationToken);
        return new SaveArticleResult.Saved(article);
    }

    public async Task<SaveArticleResult> UpdateAsync(
        int id, ArticleInput input, int expectedVersion, string savedBy, CancellationToken cancellationToken)
    {
        var article = await db.Articles.Include(a => a.Tags).Include(a => a.BodyMedia).Include(a => a.Authors).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return new SaveArticleResult.NotFound();
        }

        if (article.Version != expectedVersion)
        {
            return new SaveArticleResult.Conflict(await SnapshotAsync(article, cancellationToken));
        }

        if (input.Slug != article.Slug && await db.Articles.AnyAsync(a => a.Slug == input.Slug && a.Id != id, cancellationToken))
        {
            return new SaveArticleResult.SlugTaken();
        }

        var before = article.Status;
        var oldSlug = article.Slug;
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        article.Slug = input.Slug;
        await ApplyAsync(article, input, nowUtc, cancellationToken);
        article.Version++;
        audit.Record(ActionFor(before, article.Status), $"“{article.Title}” ({article.Slug})", before, article.Status);
        try
        {
            await SaveWithRevisionAsync(article, savedBy, nowUtc, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another editor saved between our read and our write.
            db.ChangeTracker.Clear();
            var current = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id, cancellationToken);
            return new SaveArticleResult.Conflict(await SnapshotAsync(current, cancellationToken));
        }

        await search.IndexAsync(article, cancellationToken);
        return new SaveArticleResult.Saved(article);
    }

    /// <summary>
    /// Puts an unpublished article back as it was (the undo of an unpublish): its text and publish time are kept by a
    /// draft, so only the status changes; a schedule whose time has passed meanwhile publishes it.
    /// </summary>
    public async Task<Article?> RepublishAsync(int id, ArticleStatus wanted, string savedBy, CancellationToken cancellationToken)
    {
        var article = await db.Articles.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null || article.Status != ArticleStatus.Draft)
        {
            return article;
        }

        await ChangeStatusAsync(article, wanted, savedBy, cancellationToken);
        return article;
    }

    /// <summary>
    /// Moves an article that is <paramref name="from"/> to <paramref name="wanted"/> without touching its text (a review's
    /// publish or return); null when it is not <paramref name="from"/>. Wanting it scheduled publishes it when its time has passed.
    /// </summary>
    public async Task<Article?> SetStatusAsync(int id, ArticleStatus from, ArticleStatus wanted, string savedBy, CancellationToken cancellationToken)
    {
        var article = await db.Articles.SingleOrDefaultAsync(a => a.Id == id && a.DeletedUtc == null, cancellationToken);
        if (article is null || article.Status != from)
        {
            return null;
        }

        await ChangeStatusAsync(article, wanted, savedBy, cancellationToken);
        return article;
    }

    private async Task ChangeStatusAsync(Article article, ArticleStatus wanted, string savedBy, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var before = article.Status;
        article.Status = wanted switch
        {
            ArticleStatus.Scheduled when article.PublishedUtc > nowUtc => ArticleStatus.Scheduled,
            ArticleStatus.Scheduled or ArticleStatus.Published => ArticleStatus.Published,
            _ => wanted,
        };
        if (article.Status == ArticleStatus.Published && !(article.PublishedUtc <= nowUtc))
        {
            article.PublishedUtc = nowUtc;
        }

        article.UpdatedUtc = nowUtc;
        article.Version++;
        audit.Record(ActionFor(before, article.Status), $"“{article.Title}” ({article.Slug})", before, article.Status);
        await SaveWithRevisionAsync(article, savedBy, nowUtc, cancellationToken);
    }

    public async Task<bool> MoveToTrashAsync(int id, bool trash, CancellationToken cancellationToken)
    {
        var article = await db.Articles.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null || (article.DeletedUtc is not null) == trash)
        {
            return false;
        }

        article.DeletedUtc = trash ? clock.GetUtcNow().UtcDateTime : null;
        article.Version++;
        audit.Record(trash ? "article.trash" : "article.restore", $"“{article.Title}” ({article.Slug})",
            trash ? article.Status : "Trash", trash ? "Trash" : article.Status);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task ApplyAsync(Article article, ArticleInput input, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var plainText = renderer.ToPlainText(input.BodyMarkdown);
        var pictures = await PicturesInAsync(input.BodyMarkdown, cancellationToken);
        article.Title = input.Title.Trim();
        article.Excerpt = string.IsNullOrWhiteSpace(input.Excerpt) ? renderer.Summarise(input.BodyMarkdown, GeneratedExcerptLength) : input.Excerpt.Trim();
        article.BodyMarkdown = input.BodyMarkdown;
        article.BodyHtml = renderer.RenderArticle(input.BodyMarkdown, ByVariantKey(pictures)).Value;
        article.ReadingMinutes = ReadingTime.Minutes(plainText);
        await CreditAsync(article, input, cancellationToken);
        await PlaceInSeriesAsync(article, input.Series, cancellationToken);
        article.Status = input.Status;
        article.PublishedUtc = input.Status switch
        {
            ArticleStatus.Draft or ArticleStatus.InReview => input.PublishedUtc,
            ArticleStatus.Published => input.PublishedUtc is { } at && at <= nowUtc ? at : article.PublishedUtc is { } was && was <= nowUtc ? was : nowUtc,
            _ => input.PublishedUtc ?? nowUtc,
        };
        article.CommentsOpen = input.CommentsOpen;
        article.UpdatedUtc = nowUtc;
        article.Tags = await ResolveTagsAsync(input.Tags, cancellationToken);
        article.FeaturedMediaId = input.FeaturedMediaId;
        article.BodyMedia = pictures;
    }

    /// <summary>Puts the article in the named series (made on first use, like a tag) at the part given, or the next free one.</summary>
    private async Task PlaceInSeriesAsync(Article article, SeriesChoice? choice, CancellationToken cancellationToken)
    {
        if (choice is null)
        {
            return;
        }

        var title = choice.Title?.Trim() ?? string.Empty;
        if (title.Length == 0)
        {
            article.SeriesId = null;
            article.InSeries = null;
            article.SeriesPart = null;
            return;
        }

        var slug = Slug.From(title) is { Length: > 0 } made ? made : "series";
        var series = await db.Series.SingleOrDefaultAsync(s => s.Slug == slug, cancellationToken)
            ?? new Series.Series { Slug = slug, Title = title };
        var sameSeries = series.Id != 0 && article.SeriesId == series.Id;
        article.InSeries = series;
        article.SeriesPart = choice.Part
            ?? (sameSeries ? article.SeriesPart : null)
            ?? (series.Id == 0 ? 1 : (await db.Articles.Where(a => a.SeriesId == series.Id && a.Id != article.Id).MaxAsync(a => a.SeriesPart, cancellationToken) ?? 0) + 1);
    }

    /// <summary>
    /// The authors as chosen, in order, each given an author page; the byline is their names unless one was typed.
    /// Without a choice (imports, seeds, restoring a revision) the credited staff stay and the byline is the text given.
    /// </summary>
    private async Task CreditAsync(Article article, ArticleInput input, CancellationToken cancellationToken)
    {
        if (input.AuthorIds is not { } ids)
        {
            article.AuthorName = input.AuthorName.Trim();
            return;
        }

        var chosen = ids.Distinct().Take(Authors.Bylines.MaxAuthors).ToList();
        var users = await db.Users.Where(u => chosen.Contains(u.Id)).ToListAsync(cancellationToken);
        var ordered = chosen.Select(id => users.SingleOrDefault(u => u.Id == id)).OfType<Accounts.EditorUser>().ToList();
        foreach (var user in ordered)
        {
            await Authors.Bylines.EnsureSlugAsync(db, user, cancellationToken);
        }

        article.Authors.RemoveAll(a => !ordered.Any(u => u.Id == a.UserId));
        for (var position = 0; position < ordered.Count; position++)
        {
            var credit = article.Authors.SingleOrDefault(a => a.UserId == ordered[position].Id);
            if (credit is null)
            {
                article.Authors.Add(new Authors.ArticleAuthor { UserId = ordered[position].Id, Position = position });
            }
            else
            {
                credit.Position = position;
            }
        }

        article.CustomByline = input.CustomByline || ordered.Count == 0;
        article.AuthorName = article.CustomByline ? input.AuthorName.Trim() : Authors.Bylines.Join([.. ordered.Select(u => u.DisplayName)]);
    }

    /// <summary>The article's library pictures by each of their files' keys, as the renderer wants them.</summary>
    public static Dictionary<string, Media.PictureView> ByVariantKey(List<Media.MediaItem> pictures)
    {
        var byKey = new Dictionary<string, Media.PictureView>(StringComparer.Ordinal);
        foreach (var item in pictures)
        {
            var view = Media.PictureView.From(item);
            foreach (var variant in item.Variants)
            {
                byKey[variant.Key] = view;
            }
        }

        return byKey;
    }

    /// <summary>The library pictures the Markdown shows, by the addresses of their files.</summary>
    private async Task<List<Media.MediaItem>> PicturesInAsync(string markdown, CancellationToken cancellationToken)
    {
        var keys = Media.MediaAddresses.KeysIn(markdown);
        return keys.Count == 0
            ? []
            : await db.MediaItems.Include(m => m.Variants).Where(m => m.Variants.Any(v => keys.Contains(v.Key))).ToListAsync(cancellationToken);
    }

    private async Task SaveWithRevisionAsync(Article article, string savedBy, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        db.ArticleRevisions.Add(new ArticleRevision
        {
            ArticleId = article.Id,
            Version = article.Version,
            Title = article.Title,
            Excerpt = article.Excerpt,
            BodyMarkdown = article.BodyMarkdown,
            SavedBy = savedBy,
            SavedUtc = nowUtc,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<ArticleSnapshot> SnapshotAsync(Article article, CancellationToken cancellationToken)
    {
        var savedBy = await db.ArticleRevisions.AsNoTracking()
            .Where(r => r.ArticleId == article.Id && r.Version == article.Version)
            .Select(r => r.SavedBy)
            .FirstOrDefaultAsync(cancellationToken);
        return new ArticleSnapshot(article.Version, article.Title, article.Excerpt, article.BodyMarkdown, article.UpdatedUtc, savedBy);
    }

    private static string ActionFor(ArticleStatus before, ArticleStatus after) => (before, after) switch
    {
        (_, ArticleStatus.Published) when before != ArticleStatus.Published => "article.publish",
        (_, ArticleStatus.InReview) when before != ArticleStatus.InReview => "article.submit",
        (ArticleStatus.InReview, ArticleStatus.Draft) => "article.return",
        (_, ArticleStatus.Scheduled) when before != ArticleStatus.Scheduled => "article.schedule",
        (ArticleStatus.Published or ArticleStatus.Scheduled, ArticleStatus.Draft) => "article.unpublish",
        _ => "article.update",
    };

    private async Task<List<Tag>> ResolveTagsAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var slugs = names.Select(Slug.From).Where(s => s.Length > 0).Distinct().ToList();
        var existing = await db.Tags.Where(t => slugs.Contains(t.Slug)).ToListAsync(cancellationToken);
        return new TagSet(existing).For(names);
    }
}
