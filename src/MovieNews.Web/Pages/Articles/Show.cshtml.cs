using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Discovery;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Infrastructure;
using MovieNews.Web.Infrastructure.Caching;

namespace MovieNews.Web.Pages.Articles;

public sealed class ShowModel(
    MovieNewsDbContext db,
    TimeProvider clock,
    CommentThreadReader threads,
    CommentPostingService posting,
    CommenterContext cookies,
    ModerationSettings moderation,
    SiteUrls urls) : PageModel
{
    public string CanonicalUrl => urls.Absolute(Request, Comments.Page == 1 ? $"/articles/{Article.Slug}" : $"/articles/{Article.Slug}?cpage={Comments.Page}").ToString();

    /// <summary>
    /// schema.org Article with its comments, as JSON-LD. The serializer escapes &lt; &gt; &amp; and quotes, so
    /// nothing in a title or comment can close the script element it sits in.
    /// </summary>
    public string StructuredData => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "Article",
        ["headline"] = Article.Title,
        ["description"] = Article.Excerpt,
        ["url"] = CanonicalUrl,
        ["datePublished"] = DisplayFormat.IsoUtc(Article.PublishedUtc),
        ["dateModified"] = DisplayFormat.IsoUtc(Article.UpdatedUtc),
        ["author"] = new Dictionary<string, object> { ["@type"] = "Person", ["name"] = Article.AuthorName },
        ["keywords"] = string.Join(", ", Article.Tags.Select(t => t.Name)),
        ["commentCount"] = Comments.ApprovedCount,
        ["comment"] = Flatten(Comments.Threads).Where(c => !c.IsAwaitingModeration).Select(c => new Dictionary<string, object>
        {
            ["@type"] = "Comment",
            ["author"] = new Dictionary<string, object> { ["@type"] = "Person", ["name"] = c.AuthorName },
            ["dateCreated"] = DisplayFormat.IsoUtc(c.CreatedUtc),
            ["url"] = urls.Absolute(Request, $"/articles/{Article.Slug}/comments/{c.Id}").ToString(),
        }).ToList(),
    });

    private static IEnumerable<CommentView> Flatten(IEnumerable<CommentNode<CommentView>> nodes) =>
        nodes.SelectMany(n => Flatten(n.Replies).Prepend(n.Comment));

    public ArticleView Article { get; private set; } = null!;
    public CommentPage Comments { get; private set; } = null!;
    public ReplyTarget? ReplyingTo { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public string? FormMessage { get; private set; }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    [BindProperty]
    public CommentForm Input { get; set; } = new();

    public Pagination CommentPagination =>
        new($"/articles/{Article.Slug}", Comments.Page, Comments.TotalPages, "cpage", "#comments");

    public string FormAction => Comments.Page == 1
        ? $"/articles/{Article.Slug}#respond"
        : $"/articles/{Article.Slug}?cpage={Comments.Page}#respond";

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] string? cpage, [FromQuery] string? replyto, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(cpage, out var page))
        {
            return BadRequest();
        }

        if (!await LoadAsync(slug, page, cancellationToken))
        {
            return await IsTrashedAsync(slug, cancellationToken) ? StatusCode(StatusCodes.Status410Gone) : NotFound();
        }

        Response.Headers.ETag = Article.ETag;
        if (Request.Headers.IfNoneMatch == Article.ETag && CommenterContext.HasNoReaderCookies(Request))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        MarkTokenHole();
        if (cookies.Commenter.Read(Request) is { } saved)
        {
            (Input.Name, Input.Email, Input.Website, Input.SaveDetails) = (saved.Name, saved.Email, saved.Website, true);
        }

        if (replyto is not null && CommentValidator.ParseParentId(replyto) is { } parentId)
        {
            ReplyingTo = await FindReplyTargetAsync(parentId, cancellationToken);
            Input.ParentId = ReplyingTo?.Id.ToString(CultureInfo.InvariantCulture);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, [FromQuery] string? cpage, CancellationToken cancellationToken)
    {
        _ = PageNumber.TryParse(cpage, out var page);
        if (!await LoadAsync(slug, Math.Max(page, 1), cancellationToken) && !await LoadAsync(slug, 1, cancellationToken))
        {
            return NotFound();
        }

        var clientHash = await cookies.Fingerprint.HashAsync(HttpContext.Connection.RemoteIpAddress, cancellationToken);
        var fields = new CommentFields(Input.Name, Input.Email, Input.Website, Input.Body, Input.ParentId, Input.Homepage);
        var result = await posting.PostAsync(Article.Id, fields, clientHash, cancellationToken);
        switch (result)
        {
            case PostCommentResult.Posted posted:
                RememberCommenter();
                if (posted.Status == CommentStatus.Spam)
                {
                    return SeeOther($"/articles/{Article.Slug}#comments");
                }

                if (posted.Status == CommentStatus.Pending)
                {
                    cookies.Pending.Remember(HttpContext, posted.CommentId);
                }

                return SeeOther($"/articles/{Article.Slug}/comments/{posted.CommentId}");
            case PostCommentResult.Invalid invalid:
                Errors = invalid.Errors;
                return await ReshowAsync(StatusCodes.Status400BadRequest, "Your comment was not posted yet: please check the fields marked below.", cancellationToken);
            case PostCommentResult.Duplicate:
                return await ReshowAsync(StatusCodes.Status409Conflict, "You have already posted this comment.", cancellationToken);
            case PostCommentResult.Flooded flooded:
                var seconds = (int)Math.Ceiling(flooded.RetryAfter.TotalSeconds);
                Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return await ReshowAsync(StatusCodes.Status429TooManyRequests, $"You are commenting too quickly. Please wait {seconds} seconds and post again.", cancellationToken);
            case PostCommentResult.Closed:
                return await ReshowAsync(StatusCodes.Status403Forbidden, "Comments are closed on this article.", cancellationToken);
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(string slug, int page, CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(slug))
        {
            return false;
        }

        var article = await ArticleView.Project(db.Articles.AsNoTracking()
                .VisibleToReaders(clock.GetUtcNow().UtcDateTime)
                .Where(a => a.Slug == slug))
            .SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return false;
        }

        var options = await moderation.GetAsync(cancellationToken);
        var comments = await threads.ReadPageAsync(
            article.Id, page, options.CommentsPerPage, options.MaxDepth, cookies.Pending.Read(Request), cancellationToken);
        if (comments is null)
        {
            return false;
        }

        var open = options.AreCommentsOpen(article.CommentsOpen, article.PublishedUtc, clock.GetUtcNow().UtcDateTime);
        (Article, Comments) = (article with { CommentsOpen = open }, comments);
        return true;
    }

    private Task<bool> IsTrashedAsync(string slug, CancellationToken cancellationToken) =>
        db.Articles.AnyAsync(a => a.Slug == slug && a.DeletedUtc != null, cancellationToken);

    private async Task<IActionResult> ReshowAsync(int statusCode, string message, CancellationToken cancellationToken)
    {
        FormMessage = message;
        if (CommentValidator.ParseParentId(Input.ParentId ?? string.Empty) is { } parentId)
        {
            ReplyingTo = await FindReplyTargetAsync(parentId, cancellationToken);
        }

        Response.StatusCode = statusCode;
        MarkTokenHole();
        return Page();
    }

    /// <summary>The form's antiforgery token is filled in per reader, outside the output cache.</summary>
    private void MarkTokenHole()
    {
        if (Article.CommentsOpen)
        {
            Response.Headers[AntiforgeryHole.MarkerHeader] = "1";
        }
    }

    private Task<ReplyTarget?> FindReplyTargetAsync(int commentId, CancellationToken cancellationToken) =>
        db.Comments.AsNoTracking()
            .Where(c => c.Id == commentId && c.ArticleId == Article.Id && c.Status == CommentStatus.Approved)
            .Select(c => new ReplyTarget(c.Id, c.AuthorName))
            .SingleOrDefaultAsync(cancellationToken);

    private void RememberCommenter()
    {
        if (Input.SaveDetails)
        {
            cookies.Commenter.Save(HttpContext, new CommenterDetails(Input.Name, Input.Email, Input.Website));
        }
        else
        {
            CommenterCookie.Forget(HttpContext);
        }
    }

    /// <summary>Post/Redirect/Get with 303, so a reload never re-posts the comment.</summary>
    private StatusCodeResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
