using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Discovery;
using MovieNews.Web.Features.Mail;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Site;
using MovieNews.Web.Infrastructure;
using MovieNews.Web.Infrastructure.Caching;

namespace MovieNews.Web.Pages.Articles;

/// <summary>
/// The article and its conversation. The page an anonymous reader gets is the same bytes for everyone, so it is
/// cached and shareable (ADR-005): the comment form carries no per-reader token; cross-site posts are refused by
/// <see cref="CrossOriginProtection"/> instead.
/// </summary>
[IgnoreAntiforgeryToken]
[OutputCache(PolicyName = ReaderPageCache.ArticlePolicyName)]
[CanonicalQuery("sort", "cpage", "replyto", PageNumbers = ["cpage"], Ids = ["replyto"], Choices = ["sort=oldest|newest|best"])]
public sealed class ShowModel(
    MovieNewsDbContext db,
    TimeProvider clock,
    CommentThreadReader threads,
    CommentPageCache pageCache,
    FeaturedPictures pictures,
    CommentWriter writer,
    CommentPostLimiter limiter,
    CommenterContext cookies,
    CommentEditing editing,
    ModerationSettings moderation,
    SiteUrls urls,
    Features.Site.SiteTime siteTime,
    Features.Series.RelatedArticles relatedArticles,
    Microsoft.Extensions.Options.IOptions<MailOptions> mail) : PageModel
{
    /// <summary>Mail is configured: the form offers notices (the same for every reader, so the page stays shareable).</summary>
    public bool MailEnabled => mail.Value.Enabled;

    public string AbsoluteUrl(string path) => urls.Absolute(Request, path).ToString();

    /// <summary>Other orders show the same comments: search engines are pointed at the default order's first page.</summary>
    public string CanonicalUrl => urls.Absolute(Request, Comments.Page == 1 || Comments.Sort != CommentSort.Oldest
        ? $"/articles/{Article.Slug}"
        : $"/articles/{Article.Slug}?cpage={Comments.Page}").ToString();

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
        ["author"] = Article.Byline.Linked
            ? Article.Authors.Select(a => new Dictionary<string, object> { ["@type"] = "Person", ["name"] = a.Name, ["url"] = urls.Absolute(Request, a.Url).ToString() }).ToList()
            : new Dictionary<string, object> { ["@type"] = "Person", ["name"] = Article.AuthorName },
        ["keywords"] = string.Join(", ", Article.Tags.Select(t => t.Name)),
        ["image"] = Picture is null ? null : new[] { Picture.Social, Picture.Widths.LastOrDefault(f => !f.WebP) }
            .OfType<PictureFile>().Select(f => urls.Absolute(Request, f.Url).ToString()).ToList(),
        ["commentCount"] = Comments.ApprovedCount,
        ["comment"] = NotableComments() is { Count: > 0 } notable ? notable : null,
    }.Where(entry => entry.Value is not null).ToDictionary());

    /// <summary>How many liked comments the JSON-LD names besides the picks.</summary>
    public const int StructuredLikedComments = 5;

    /// <summary>
    /// The comments the JSON-LD names: the editors' picks, then the most liked on this page. Not every comment: the
    /// count says how many there are and the page shows them; naming each again doubled the page's weight in data
    /// no reader sees (issue #14).
    /// </summary>
    private List<Dictionary<string, object>> NotableComments() =>
        Comments.Picks
            .Concat(Flatten(Comments.Threads).Where(c => c.LikeCount > 0).OrderByDescending(c => c.LikeCount).ThenBy(c => c.Id).Take(StructuredLikedComments))
            .Where(c => !c.IsAwaitingModeration).DistinctBy(c => c.Id).Select(StructuredComment).ToList();

    /// <summary>
    /// A comment in the JSON-LD: no text (issue #14: the page already has it), its likes as <c>upvoteCount</c>, and
    /// an editors' pick marked with schema.org's <c>award</c>, which any CreativeWork (a Comment is one) may carry.
    /// </summary>
    private Dictionary<string, object> StructuredComment(CommentView c)
    {
        var item = new Dictionary<string, object>
        {
            ["@type"] = "Comment",
            ["author"] = new Dictionary<string, object> { ["@type"] = "Person", ["name"] = c.AuthorName },
            ["dateCreated"] = DisplayFormat.IsoUtc(c.CreatedUtc),
            ["url"] = urls.Absolute(Request, $"/articles/{Article.Slug}/comments/{c.Id}").ToString(),
        };
        if (c.LikeCount > 0)
        {
            item["upvoteCount"] = c.LikeCount;
        }

        if (c.IsPick)
        {
            item["award"] = EditorsPick;
        }

        return item;
    }

    public const string EditorsPick = "Editors' pick";

    private static IEnumerable<CommentView> Flatten(IEnumerable<CommentNode<CommentView>> nodes) =>
        nodes.SelectMany(n => Flatten(n.Replies).Prepend(n.Comment));

    public ArticleView Article { get; private set; } = null!;

    /// <summary>The article a comment was posted to, for the form shown again.</summary>
    private string _postedToSlug = string.Empty;

    /// <summary>The featured picture, when the article has one.</summary>
    public PictureView? Picture { get; private set; }

    /// <summary>Where the article stands in its series (previous and next parts), if it is in one.</summary>
    public Features.Series.SeriesPlace? SeriesPlace { get; private set; }

    public IReadOnlyList<Features.Series.RelatedArticle> Related { get; private set; } = [];
    public CommentPage Comments { get; private set; } = null!;

    /// <summary>The shared page of comments this request reads from (and renders into once), when the page is not this reader's own.</summary>
    public CommentPageCache.Entry? SharedComments { get; private set; }

    /// <summary>Open on this article and not closed by the site's age limit.</summary>
    public bool CommentsOpen { get; private set; }

    public ReplyTarget? ReplyingTo { get; private set; }

    /// <summary>This reader's own comments that can still be edited (their cookie makes the page private).</summary>
    public IReadOnlyCollection<int> Editable { get; private set; } = [];

    /// <summary>The order of the threads, from <c>?sort=</c>.</summary>
    public CommentSort Sort { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public string? FormMessage { get; private set; }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    [BindProperty]
    public CommentInput Input { get; set; } = new();

    [BindProperty(Name = "Input.SaveDetails")]
    public bool SaveDetails { get; set; }

    public Pagination CommentPagination =>
        new($"/articles/{Article.Slug}{(Comments.Sort.QueryValue() is { } sort ? $"?sort={sort}" : "")}", Comments.Page, Comments.TotalPages, "cpage", "#comments",
            Comments.Sort == CommentSort.Newest ? Pagination.NewestCommentLabels : Pagination.CommentLabels);

    public CommentListModel CommentList => new(Article.Slug, Comments.Page, Comments.Threads, Comments.Sort, Editable) { MoreReplies = Comments.MoreReplies };

    /// <summary>
    /// A refused form comes back at this address: its fragment names the error summary, so the browser takes the
    /// reader there (and focuses it), with or without JavaScript. A successful post redirects to its own fragment.
    /// </summary>
    public string FormAction => $"/articles/{Article.Slug}{CommentList.Query}#form-message";

    public async Task<IActionResult> OnGetAsync(
        string slug, [FromQuery] string? cpage, [FromQuery] string? replyto, [FromQuery] string? sort, CancellationToken cancellationToken)
    {
        Sort = CommentSorts.Parse(sort);
        if (!PageNumber.TryParse(cpage, out var page))
        {
            return BadRequest();
        }

        if (!await LoadArticleAsync(slug, cancellationToken))
        {
            return await IsTrashedAsync(slug, cancellationToken) ? StatusCode(StatusCodes.Status410Gone) : NotFound();
        }

        ReaderPageCache.TagArticle(HttpContext, Article.Id);
        if (!await LoadCommentsAsync(page, cancellationToken))
        {
            return NotFound();
        }

        // A page kept in the browser in another theme or time zone is not this one: the ETag says so.
        var etag = Article.ETagFor(CommentsOpen, $"{ThemeChoice.Of(Request)}.{siteTime.Zone.Id}.{System.Globalization.CultureInfo.CurrentUICulture.Name}");
        Response.Headers.ETag = etag;
        if (Request.Headers.IfNoneMatch == etag && ReaderPageCache.IsAnonymousRead(Request))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        if (cookies.Commenter.Read(Request) is { } saved)
        {
            (Input.Name, Input.Email, Input.Website, SaveDetails) = (saved.Name, saved.Email, saved.Website, true);
        }

        if (replyto is not null && CommentValidator.ParseParentId(replyto) is { } parentId)
        {
            ReplyingTo = await FindReplyTargetAsync(parentId, cancellationToken);
            Input.ParentId = ReplyingTo?.Id.ToString(CultureInfo.InvariantCulture);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, [FromQuery] string? cpage, [FromQuery] string? sort, CancellationToken cancellationToken)
    {
        Sort = CommentSorts.Parse(sort);
        // A post that is stored needs only these four columns; the whole page is read only when the form is shown again.
        if (!Slug.IsValid(slug) || await db.Articles.AsNoTracking()
                .VisibleToReaders(clock.GetUtcNow().UtcDateTime)
                .Where(a => a.Slug == slug)
                .Select(a => new { a.Id, a.Slug, a.CommentsOpen, a.PublishedUtc })
                .SingleOrDefaultAsync(cancellationToken) is not { } article)
        {
            return NotFound();
        }

        _postedToSlug = article.Slug;
        var clientHash = await cookies.Fingerprint.HashAsync(HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (!limiter.TryEnter(clientHash, out var cooldown))
        {
            return await TooQuicklyAsync(cpage, cooldown, cancellationToken);
        }

        if (!MailEnabled)
        {
            (Input.NotifyReplies, Input.NotifyApproval) = (false, false);
        }
        else if ((Input.NotifyReplies || Input.NotifyApproval) && string.IsNullOrWhiteSpace(Input.Email))
        {
            Errors = new Dictionary<string, string> { [CommentValidator.Fields.Email] = "Enter your email address to be told by email, or untick the notification boxes." };
            return await ReshowAsync(cpage, StatusCodes.Status400BadRequest, "Your comment was not posted yet: please correct the fields marked below and send it again.", cancellationToken);
        }

        var target = new CommentTarget(article.Id, article.CommentsOpen, article.PublishedUtc!.Value);
        switch (await writer.PostAsync(target, Input, clientHash, HttpContext.Connection.RemoteIpAddress, cancellationToken))
        {
            case PostCommentResult.Posted { Shadowed: true } shadowed:
                // A shadow ban: the author sees their comment as anyone's own held comment is shown (their cookie), no one else does.
                RememberCommenter();
                cookies.Pending.Remember(HttpContext, shadowed.CommentId);
                return SeeOther($"/articles/{article.Slug}/comments/{shadowed.CommentId}");
            case PostCommentResult.Posted posted:
                RememberCommenter();
                if (posted.Status == CommentStatus.Spam)
                {
                    return SeeOther($"/articles/{article.Slug}#comments");
                }

                if (editing.Window > TimeSpan.Zero)
                {
                    cookies.Own.Remember(HttpContext, posted.CommentId, clock.GetUtcNow().UtcDateTime + editing.Window);
                }

                if (posted.Status == CommentStatus.Pending)
                {
                    cookies.Pending.Remember(HttpContext, posted.CommentId);
                }

                return SeeOther($"/articles/{article.Slug}/comments/{posted.CommentId}");
            case PostCommentResult.Invalid invalid:
                Errors = invalid.Errors;
                return await ReshowAsync(cpage, StatusCodes.Status400BadRequest, "Your comment was not posted yet: please correct the fields marked below and send it again.", cancellationToken);
            case PostCommentResult.Duplicate:
                return await ReshowAsync(cpage, StatusCodes.Status409Conflict, "You have already posted this comment. To post another, change what it says.", cancellationToken);
            case PostCommentResult.Flooded flooded:
                return await TooQuicklyAsync(cpage, flooded.RetryAfter, cancellationToken);
            case PostCommentResult.Banned banned:
                return await ReshowAsync(cpage, StatusCodes.Status403Forbidden, banned.UntilUtc is { } until
                    ? SiteText.Format("Your comment was not posted: comments from you are not accepted on this site until {0}.", siteTime.DateAndTime(until))
                    : "Your comment was not posted: comments from you are not accepted on this site.", cancellationToken);
            case PostCommentResult.Closed:
                return await ReshowAsync(cpage, StatusCodes.Status403Forbidden, "Comments are closed on this article.", cancellationToken);
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadArticleAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(slug))
        {
            return false;
        }

        Article = (await ArticleView.Project(db.Articles.AsNoTracking()
                .VisibleToReaders(clock.GetUtcNow().UtcDateTime)
                .Where(a => a.Slug == slug))
            .SingleOrDefaultAsync(cancellationToken))!;
        if (Article?.FeaturedMediaId is { } pictureId)
        {
            Picture = await pictures.GetAsync(new FeaturedPictures.Key(Article.Id, pictureId, Article.Version, Article.CommentsVersion), db, cancellationToken);
        }

        if (Article is null)
        {
            return false;
        }

        if (!Article.CustomByline)
        {
            Article = Article with
            {
                Authors = await db.ArticleAuthors.AsNoTracking().Where(au => au.ArticleId == Article.Id).OrderBy(au => au.Position)
                    .Select(au => new Features.Authors.AuthorLink(au.User!.AuthorSlug!, au.User.DisplayName)).ToListAsync(cancellationToken),
            };
        }

        SeriesPlace = Article.SeriesId is null ? null : await Features.Series.SeriesPlace.ForAsync(db, Article.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (SeriesPlace is not null)
        {
            // Another part's change moves this page's previous/next links: the series' tag evicts it.
            ReaderPageCache.TagSeries(HttpContext, SeriesPlace.SeriesId);
        }

        Related = await relatedArticles.ForAsync(Article.Id, Article.Title, [.. Article.Tags.Select(t => t.Slug)], cancellationToken);
        return true;
    }

    private async Task<bool> LoadCommentsAsync(int page, CancellationToken cancellationToken)
    {
        var options = await moderation.GetAsync(cancellationToken);
        CommentsOpen = options.AreCommentsOpen(Article.CommentsOpen, Article.PublishedUtc, clock.GetUtcNow().UtcDateTime);
        var pending = cookies.Pending.Read(Request);
        Editable = [.. cookies.Own.Read(Request).Keys];
        if (pending.Count == 0 && Editable.Count == 0 && pageCache.Enabled)
        {
            // The page everyone without comments of their own sees: read and rendered once per change of the comments.
            var key = new CommentPageCache.Key(Article.Id, Article.CommentsVersion, Sort, page, options.CommentsPerPage, options.MaxDepth, $"{siteTime.Zone.Id}.{System.Globalization.CultureInfo.CurrentUICulture.Name}");
            if (pageCache.Find(key) is not { } shared)
            {
                if (await threads.ReadPageAsync(Article.Id, page, options.CommentsPerPage, options.MaxDepth, pending, Sort, cancellationToken) is not { } read)
                {
                    return false;
                }

                shared = pageCache.Keep(key, read);
            }

            (SharedComments, Comments) = (shared, shared.Page);
            return true;
        }

        var comments = await threads.ReadPageAsync(Article.Id, page, options.CommentsPerPage, options.MaxDepth, pending, Sort, cancellationToken);
        if (comments is null)
        {
            return false;
        }

        Comments = comments;
        return true;
    }

    private Task<bool> IsTrashedAsync(string slug, CancellationToken cancellationToken) =>
        db.Articles.AnyAsync(a => a.Slug == slug && a.DeletedUtc != null, cancellationToken);

    private async Task<IActionResult> TooQuicklyAsync(string? cpage, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return await ReshowAsync(cpage, StatusCodes.Status429TooManyRequests,
            seconds == 1 ? SiteText.Get("You are commenting too quickly. Your comment is kept below: wait 1 second, then send it again.")
                : SiteText.Format("You are commenting too quickly. Your comment is kept below: wait {0} seconds, then send it again.", seconds), cancellationToken);
    }

    /// <summary>The form again, with everything typed and what to do about it: sending it again works.</summary>
    private async Task<IActionResult> ReshowAsync(string? cpage, int statusCode, string message, CancellationToken cancellationToken)
    {
        if (!await LoadArticleAsync(_postedToSlug, cancellationToken))
        {
            // Unpublished or trashed between the two reads.
            return NotFound();
        }

        // The comment page the form was sent from, or the first when that page is gone (or never was).
        if (!PageNumber.TryParse(cpage, out var page) || !await LoadCommentsAsync(page, cancellationToken))
        {
            await LoadCommentsAsync(1, cancellationToken);
        }

        FormMessage = message;
        if (CommentValidator.ParseParentId(Input.ParentId ?? string.Empty) is { } parentId)
        {
            ReplyingTo = await FindReplyTargetAsync(parentId, cancellationToken);
        }

        Response.StatusCode = statusCode;
        return Page();
    }

    private Task<ReplyTarget?> FindReplyTargetAsync(int commentId, CancellationToken cancellationToken) =>
        db.Comments.AsNoTracking()
            .Where(c => c.Id == commentId && c.ArticleId == Article.Id && c.Status == CommentStatus.Approved)
            .Select(c => new ReplyTarget(c.Id, c.AuthorName))
            .SingleOrDefaultAsync(cancellationToken);

    private void RememberCommenter()
    {
        if (SaveDetails)
        {
            cookies.Commenter.Save(HttpContext, new CommenterDetails(Input.Name, Input.Email, Input.Website));
        }
        else
        {
            CommenterCookie.Forget(HttpContext);
        }

        // Shared caches (a CDN, a proxy) may hold the page for a minute: the commenter's next views skip them.
        FreshPageCookie.Set(HttpContext);
    }

    /// <summary>Post/Redirect/Get with 303, so a reload never re-posts the comment.</summary>
    private StatusCodeResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
