using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Review;

/// <summary>What a review step came to.</summary>
public enum ReviewOutcome
{
    Done,
    NothingToReview,
    NoteRequired,
    NoteTooLong,

    /// <summary>The writer submitted again after the editor's page was shown: the decision would apply to text nobody reviewed.</summary>
    Stale,
}

/// <summary>What a change to a live article can change: its words.</summary>
public sealed record ChangeText(string Title, string Excerpt, IReadOnlyCollection<string> Tags, string BodyMarkdown)
{
    public static IReadOnlyCollection<string> SplitTags(string tags) =>
        tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// The review between writers and editors. A new article waits as <see cref="ArticleStatus.InReview"/>; a change to a
/// live one waits as an <see cref="ArticleChange"/> while readers keep the published version. Each step leaves a
/// <see cref="ReviewNote"/> and mails whoever acts next.
/// </summary>
public sealed class ArticleReview(MovieNewsDbContext db, ArticleAuthoring authoring, ReviewMail mail, AuditLog audit, TimeProvider clock)
{
    /// <summary>Records what a save in the editor did to the review: a submission, a withdrawal, or a publish of a submitted article.</summary>
    public async Task AfterSaveAsync(ArticleStatus? before, Article article, ClaimsPrincipal by, string? note, CancellationToken cancellationToken)
    {
        if (article.Status == before)
        {
            return;
        }

        if (article.Status == ArticleStatus.InReview)
        {
            Add(article, null, by, ReviewStep.Submitted, note);
            await mail.ToEditorsAsync(article.Id, SiteText.Format("For review: “{0}”", article.Title),
                SiteText.Format("{0} submitted “{1}” for review.", by.Byline(), article.Title), note, ArticleAccess.UserId(by), cancellationToken);
        }
        else if (before == ArticleStatus.InReview && article.Status is ArticleStatus.Published or ArticleStatus.Scheduled)
        {
            await PublishedAsync(article, by, note, cancellationToken);
        }
        else if (before == ArticleStatus.InReview)
        {
            Add(article, null, by, ReviewStep.Withdrawn, note);
        }
        else
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        mail.Wake();
    }

    /// <summary>An editor publishes a submitted article (or schedules it, when its publish time is still ahead).</summary>
    public async Task<(ReviewOutcome Outcome, Article? Article)> PublishAsync(int articleId, int reviewedVersion, ClaimsPrincipal by, string? note, CancellationToken cancellationToken)
    {
        var state = await db.Articles.Where(a => a.Id == articleId && a.DeletedUtc == null).Select(a => new { a.Status, a.Version }).SingleOrDefaultAsync(cancellationToken);
        if (state?.Status != ArticleStatus.InReview)
        {
            return (ReviewOutcome.NothingToReview, null);
        }

        if (state.Version != reviewedVersion)
        {
            return (ReviewOutcome.Stale, null);
        }

        if (Trim(note).Length < (note ?? string.Empty).Trim().Length)
        {
            return (ReviewOutcome.NoteTooLong, null);
        }

        var article = await authoring.SetStatusAsync(articleId, ArticleStatus.InReview, ArticleStatus.Scheduled, SavedBy(by), cancellationToken);
        if (article is null)
        {
            return (ReviewOutcome.NothingToReview, null);
        }

        await PublishedAsync(article, by, note, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        mail.Wake();
        return (ReviewOutcome.Done, article);
    }

    /// <summary>An editor sends a submitted article back to its writer as a draft, saying why.</summary>
    public async Task<ReviewOutcome> ReturnAsync(int articleId, ClaimsPrincipal by, string? note, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return ReviewOutcome.NoteRequired;
        }

        if (note.Trim().Length > ReviewNote.TextMaxLength)
        {
            return ReviewOutcome.NoteTooLong;
        }

        var reviewed = await db.Articles.Where(a => a.Id == articleId).Select(a => (int?)a.Version).SingleOrDefaultAsync(cancellationToken);
        var article = await authoring.SetStatusAsync(articleId, ArticleStatus.InReview, ArticleStatus.Draft, SavedBy(by), cancellationToken);
        if (article is null || reviewed is null)
        {
            return ReviewOutcome.NothingToReview;
        }

        // The returned text is the version that was reviewed; the next submission is compared with it.
        Add(article, null, by, ReviewStep.Returned, note).ArticleVersion = reviewed.Value;
        await mail.ToWriterAsync(await SubmitterAsync(article.Id, null, cancellationToken), article.Id,
            SiteText.Format("Returned: “{0}”", article.Title), SiteText.Format("{0} sent “{1}” back to you with a note.", by.Byline(), article.Title), note, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        mail.Wake();
        return ReviewOutcome.Done;
    }

    /// <summary>The change waiting (or returned) for a live article, if any.</summary>
    public async Task<ArticleChange?> OpenChangeAsync(int articleId, CancellationToken cancellationToken) =>
        await db.ArticleChanges.AsNoTracking()
            .Where(c => c.ArticleId == articleId && (c.State == ChangeState.Pending || c.State == ChangeState.Returned))
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A writer submits a change to a live article: it waits beside it, and readers keep the published version.</summary>
    public async Task ProposeAsync(int articleId, ChangeText text, ClaimsPrincipal by, string? note, CancellationToken cancellationToken)
    {
        var article = await db.Articles.SingleAsync(a => a.Id == articleId, cancellationToken);
        bool wasPending;
        try
        {
            wasPending = await WriteChangeAsync(article, text, by, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another submission opened the article's change at the same moment (the unique index refused a second):
            // this one updates that change instead.
            db.ChangeTracker.Clear();
            article = await db.Articles.SingleAsync(a => a.Id == articleId, cancellationToken);
            wasPending = await WriteChangeAsync(article, text, by, cancellationToken);
        }

        var change = await db.ArticleChanges.Where(c => c.ArticleId == articleId && c.State == ChangeState.Pending).OrderByDescending(c => c.Id).FirstAsync(cancellationToken);
        Add(article, change, by, ReviewStep.ChangeSubmitted, note);
        if (!wasPending || !string.IsNullOrWhiteSpace(note))
        {
            await mail.ToEditorsAsync(article.Id, SiteText.Format("Change for review: “{0}”", article.Title),
                SiteText.Format("{0} submitted a change to the published article “{1}”. Readers see the published version until it is applied.", by.Byline(), article.Title),
                note, ArticleAccess.UserId(by), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        mail.Wake();
    }

    /// <summary>Writes the text into the article's open change (made when there is none); says whether it was already waiting.</summary>
    private async Task<bool> WriteChangeAsync(Article article, ChangeText text, ClaimsPrincipal by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var change = await db.ArticleChanges
            .Where(c => c.ArticleId == article.Id && (c.State == ChangeState.Pending || c.State == ChangeState.Returned))
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        var wasPending = change?.State == ChangeState.Pending;
        if (change is null)
        {
            change = new ArticleChange { Article = article, Title = text.Title, BodyMarkdown = text.BodyMarkdown, ProposedBy = by.Byline(), ProposedUtc = now, BaseVersion = article.Version, Version = 0 };
            db.ArticleChanges.Add(change);
        }

        change.Title = text.Title.Trim();
        change.Excerpt = text.Excerpt.Trim();
        change.BodyMarkdown = text.BodyMarkdown;
        change.Tags = string.Join(", ", text.Tags);
        change.ProposedById = ArticleAccess.UserId(by);
        change.ProposedBy = by.Byline();
        change.UpdatedUtc = now;
        change.Version++;
        change.State = ChangeState.Pending;
        audit.Record("article.change-submit", $"“{article.Title}” ({article.Slug})");
        await db.SaveChangesAsync(cancellationToken);
        return wasPending;
    }

    /// <summary>
    /// An editor applies the waiting change, as it was when their page showed it (<paramref name="reviewedVersion"/>):
    /// readers see its words from now on, with everything else as the live article has it.
    /// </summary>
    public async Task<ReviewOutcome> ApplyChangeAsync(int articleId, int reviewedVersion, ClaimsPrincipal by, string? note, CancellationToken cancellationToken)
    {
        var change = await db.ArticleChanges.Where(c => c.ArticleId == articleId && c.State == ChangeState.Pending).OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        var article = await db.Articles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == articleId && a.DeletedUtc == null, cancellationToken);
        if (change is null || article is null)
        {
            return ReviewOutcome.NothingToReview;
        }

        if (change.Version != reviewedVersion)
        {
            return ReviewOutcome.Stale;
        }

        if (Trim(note).Length < (note ?? string.Empty).Trim().Length)
        {
            return ReviewOutcome.NoteTooLong;
        }

        // Address, credits, byline, series, picture, comments and publishing state stay the live article's own.
        var input = new ArticleInput(change.Title, article.Slug, change.Excerpt, change.BodyMarkdown, article.AuthorName, article.Status,
            article.PublishedUtc, ChangeText.SplitTags(change.Tags), article.CommentsOpen, article.FeaturedMediaId);
        if (await authoring.UpdateAsync(articleId, input, article.Version, SavedBy(by), cancellationToken) is not SaveArticleResult.Saved result)
        {
            return ReviewOutcome.Stale;
        }

        var saved = result.Article;
        change.State = ChangeState.Applied;
        change.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        Add(saved, change, by, ReviewStep.ChangeApplied, note);
        await mail.ToWriterAsync(change.ProposedById, articleId, SiteText.Format("Applied: your change to “{0}”", saved.Title),
            SiteText.Format("{0} applied your change to “{1}”: readers see it now.", by.Byline(), saved.Title), note, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        mail.Wake();
        return ReviewOutcome.Done;
    }

    /// <summary>An editor sends the change back (the writer can rework and resubmit it), or discards it.</summary>
    public async Task<ReviewOutcome> CloseChangeAsync(int articleId, bool discard, ClaimsPrincipal by, string? note, CancellationToken cancellationToken)
    {
        if (!discard && string.IsNullOrWhiteSpace(note))
        {
            return ReviewOutcome.NoteRequired;
        }

        if (Trim(note).Length < (note ?? string.Empty).Trim().Length)
        {
            return ReviewOutcome.NoteTooLong;
        }

        var change = await db.ArticleChanges.Include(c => c.Article)
            .Where(c => c.ArticleId == articleId && (c.State == ChangeState.Pending || (discard && c.State == ChangeState.Returned)))
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (change is null)
        {
            return ReviewOutcome.NothingToReview;
        }

        change.State = discard ? ChangeState.Discarded : ChangeState.Returned;
        change.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        Add(change.Article, change, by, discard ? ReviewStep.ChangeDiscarded : ReviewStep.ChangeReturned, note);
        audit.Record(discard ? "article.change-discard" : "article.change-return", $"“{change.Article.Title}” ({change.Article.Slug})");
        if (change.ProposedById != ArticleAccess.UserId(by))
        {
            await mail.ToWriterAsync(change.ProposedById, articleId,
                discard ? SiteText.Format("Discarded: your change to “{0}”", change.Article.Title) : SiteText.Format("Returned: your change to “{0}”", change.Article.Title),
                discard ? SiteText.Format("{0} discarded your change to “{1}”; the published version stays as it is.", by.Byline(), change.Article.Title)
                    : SiteText.Format("{0} sent your change to “{1}” back to you with a note. The published version stays as it is meanwhile.", by.Byline(), change.Article.Title),
                note, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        mail.Wake();
        return ReviewOutcome.Done;
    }

    private async Task PublishedAsync(Article article, ClaimsPrincipal by, string? note, CancellationToken cancellationToken)
    {
        Add(article, null, by, ReviewStep.Published, note);
        var scheduled = article.Status == ArticleStatus.Scheduled;
        var submitter = await SubmitterAsync(article.Id, ArticleAccess.UserId(by), cancellationToken);
        await mail.ToWriterAsync(submitter, article.Id,
            SiteText.Format(scheduled ? "Scheduled: “{0}”" : "Published: “{0}”", article.Title),
            SiteText.Format(scheduled ? "{0} scheduled “{1}”." : "{0} published “{1}”.", by.Byline(), article.Title), note, cancellationToken);
    }

    /// <summary>Who submitted the article last (the writer to tell), unless that is the person acting.</summary>
    private async Task<string?> SubmitterAsync(int articleId, string? except, CancellationToken cancellationToken)
    {
        var submitter = await db.ReviewNotes.AsNoTracking()
            .Where(n => n.ArticleId == articleId && n.Step == ReviewStep.Submitted)
            .OrderByDescending(n => n.Id).Select(n => n.ById).FirstOrDefaultAsync(cancellationToken);
        return submitter == except ? null : submitter;
    }

    private ReviewNote Add(Article article, ArticleChange? change, ClaimsPrincipal by, ReviewStep step, string? note)
    {
        var entry = new ReviewNote
        {
            Article = article,
            ArticleId = article.Id,
            ChangeId = change?.Id,
            ById = ArticleAccess.UserId(by),
            ByName = by.Byline(),
            Step = step,
            Text = Trim(note),
            ArticleVersion = article.Version,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ReviewNotes.Add(entry);
        return entry;
    }

    private static string Trim(string? note)
    {
        var text = (note ?? string.Empty).Trim();
        return text.Length > ReviewNote.TextMaxLength ? text[..ReviewNote.TextMaxLength] : text;
    }

    private static string SavedBy(ClaimsPrincipal by) => by.FindFirstValue(ClaimTypes.Name) ?? "editor";
}
