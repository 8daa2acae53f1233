using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Rendering;
using MovieNews.Web.Features.Review;
using MovieNews.Web.Features.Site;
using MovieNews.Web.Infrastructure;

namespace MovieNews.Web.Pages.Admin.Review;

/// <summary>
/// One article's review: what changed (side by side), how it reads, the notes so far, and the editor's decision.
/// A submitted article is compared with the text last returned to its writer; a change with the live article.
/// </summary>
public sealed class ArticleModel(MovieNewsDbContext db, ArticleReview review, MarkdownRenderer renderer, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Note { get; set; }

    /// <summary>The version the page showed (the article's, or the change's): a decision applies to nothing newer.</summary>
    [BindProperty]
    public int Reviewed { get; set; }

    /// <summary>The version to post back with the decision.</summary>
    public int ShownVersion => Change?.Version ?? Article.Version;

    /// <summary>The live article was saved again after the change was started: the comparison shows what applying it undoes.</summary>
    public bool LiveMovedOn => Change is { } change && change.BaseVersion != Article.Version;

    public Article Article { get; private set; } = null!;
    public ArticleChange? Change { get; private set; }

    /// <summary>What the left side of the comparison is; null when there is nothing to compare with (a first submission).</summary>
    public string? ComparedWith { get; private set; }
    public IReadOnlyList<FieldDiff> Diffs { get; private set; } = [];
    public SafeHtml Rendered { get; private set; } = SafeHtml.Empty;
    public IReadOnlyList<ReviewNote> Notes { get; private set; } = [];
    public string? Error { get; private set; }

    /// <summary>The submitted article's publish time is still ahead: approving it schedules it.</summary>
    public bool Schedules => Change is null && Article.PublishedUtc > clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NothingToReview();

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken)
    {
        Note = Note.WithoutNul();
        if (!await LoadAsync(id, cancellationToken))
        {
            return NothingToReview();
        }

        if (Change is not null)
        {
            return await AfterAsync(id, await review.ApplyChangeAsync(id, Reviewed, User, Note, cancellationToken),
                SiteText.Format("Applied the change to “{0}”: readers see it now.", Change.Title), cancellationToken);
        }

        var (outcome, published) = await review.PublishAsync(id, Reviewed, User, Note, cancellationToken);
        return await AfterAsync(id, outcome, published?.Status == ArticleStatus.Scheduled
            ? SiteText.Format("Scheduled “{0}”: it goes live by itself at its publish time, and its writer has been told.", published.Title)
            : SiteText.Format("Published “{0}”: readers see it now at {1}, and its writer has been told.", Article.Title, $"/articles/{Article.Slug}"), cancellationToken);
    }

    public async Task<IActionResult> OnPostReturnAsync(int id, CancellationToken cancellationToken)
    {
        Note = Note.WithoutNul();
        if (!await LoadAsync(id, cancellationToken))
        {
            return NothingToReview();
        }

        var outcome = Change is not null
            ? await review.CloseChangeAsync(id, discard: false, User, Note, cancellationToken)
            : await review.ReturnAsync(id, User, Note, cancellationToken);
        return await AfterAsync(id, outcome, SiteText.Format("Returned “{0}” to its writer with your note.", Article.Title), cancellationToken);
    }

    public async Task<IActionResult> OnPostDiscardAsync(int id, CancellationToken cancellationToken)
    {
        Note = Note.WithoutNul();
        if (!await LoadAsync(id, cancellationToken) || Change is null)
        {
            return NothingToReview();
        }

        return await AfterAsync(id, await review.CloseChangeAsync(id, discard: true, User, Note, cancellationToken),
            SiteText.Format("Discarded the change to “{0}”: the published version stays as it is.", Article.Title), cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(int id, ReviewOutcome outcome, string done, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case ReviewOutcome.Done:
                TempData["Message"] = done;
                return Redirect("/admin/review");
            case ReviewOutcome.NoteRequired:
                Error = "Say what the writer should change: the note is sent to them with the article.";
                break;
            case ReviewOutcome.NoteTooLong:
                Error = SiteText.Format("A note can be at most {0:N0} characters.", ReviewNote.TextMaxLength);
                break;
            case ReviewOutcome.Stale:
                Error = "It was submitted again (or the article was saved) after this page was shown: read it again below, then decide.";
                await LoadAsync(id, cancellationToken);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return NothingToReview();
        }

        await LoadAsync(id, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private NotFoundObjectResult NothingToReview() =>
        NotFound(SiteText.Get("Nothing about this article waits for review: it may have been published, returned or withdrawn meanwhile."));

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Include(a => a.Tags).SingleOrDefaultAsync(a => a.Id == id && a.DeletedUtc == null, cancellationToken);
        if (article is null)
        {
            return false;
        }

        Article = article;
        Change = await db.ArticleChanges.AsNoTracking().Where(c => c.ArticleId == id && c.State == ChangeState.Pending).OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (Change is null && article.Status != ArticleStatus.InReview)
        {
            return false;
        }

        var liveTags = string.Join(", ", article.Tags.Select(t => t.Name).Order(StringComparer.Ordinal));
        if (Change is { } change)
        {
            ComparedWith = SiteText.Get("the published version");
            Diffs = FieldDiff.All(new(article.Title, article.Excerpt, liveTags, article.BodyMarkdown),
                new(change.Title, change.Excerpt, string.Join(", ", ChangeText.SplitTags(change.Tags).Order(StringComparer.Ordinal)), change.BodyMarkdown));
            Rendered = RenderOrMessage(change.BodyMarkdown);
        }
        else
        {
            var returned = await db.ReviewNotes.AsNoTracking()
                .Where(n => n.ArticleId == id && n.ChangeId == null && n.Step == ReviewStep.Returned)
                .OrderByDescending(n => n.Id).Select(n => (int?)n.ArticleVersion).FirstOrDefaultAsync(cancellationToken);
            var before = returned is null ? null : await db.ArticleRevisions.AsNoTracking()
                .Where(r => r.ArticleId == id && r.Version <= returned).OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);
            if (before is not null)
            {
                ComparedWith = SiteText.Format("version {0}, the text last returned to the writer", before.Version);
                Diffs = FieldDiff.All(new(before.Title, before.Excerpt, null, before.BodyMarkdown), new(article.Title, article.Excerpt, null, article.BodyMarkdown));
            }

            Rendered = SafeHtml.FromStored(article.BodyHtml);
        }

        Notes = await db.ReviewNotes.AsNoTracking().Where(n => n.ArticleId == id).OrderByDescending(n => n.Id).Take(20).ToListAsync(cancellationToken);
        return true;
    }

    private SafeHtml RenderOrMessage(string markdown)
    {
        try
        {
            return renderer.RenderArticle(markdown);
        }
        catch (MarkdownTooDeepException)
        {
            return SafeHtml.Empty;
        }
    }
}
