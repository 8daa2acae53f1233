using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Infrastructure;

namespace MovieNews.Web.Features.Comments;

/// <summary>
/// "Like" is a plain form post, so it works without JavaScript: each comment's button belongs to the page's one like
/// form (<c>form="comments.like"</c>, <c>name="comment"</c>, its id as the value), which keeps the page small; the answer is a
/// 303 back to the comment on the page it was sent from. The older one-form-per-comment address still works, for
/// pages cached before the change. Like the comment form it carries no per-reader token (the page is shared
/// and cached): <see cref="CrossOriginProtection"/> refuses cross-site posts. A client likes a comment once; a
/// second like is a no-op. The like is stored at once; the count shown changes with the next batch (<see cref="CommentLikeFlusher"/>).
/// </summary>
public static class CommentLikeEndpoints
{
    public static WebApplication MapCommentLikes(this WebApplication app)
    {
        app.MapPost("/articles/{slug}/comments/{id:int}/like", LikeAsync);
        app.MapPost("/articles/{slug}/like", LikeFromPageFormAsync);
        return app;
    }

    private static async Task<IResult> LikeFromPageFormAsync(
        string slug,
        HttpContext context,
        MovieNewsDbContext db,
        ClientFingerprint fingerprint,
        CommentLikeFlusher flusher,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(cancellationToken) : null;
        if (form is null || !int.TryParse(form["comment"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            StatusMessages.Explain(context, "Press the Like button under the comment you like.");
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        return await LikeAsync(slug, id, context, db, fingerprint, flusher, clock, cancellationToken);
    }

    private static async Task<IResult> LikeAsync(
        string slug,
        int id,
        HttpContext context,
        MovieNewsDbContext db,
        ClientFingerprint fingerprint,
        CommentLikeFlusher flusher,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(slug))
        {
            return Results.NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var comment = await db.Comments.AsNoTracking()
            .Where(c => c.Id == id && c.Status == CommentStatus.Approved && c.Article.Slug == slug)
            .Where(c => db.Articles.VisibleToReaders(now).Any(a => a.Id == c.ArticleId))
            .Select(c => new { c.Id, c.ArticleId })
            .SingleOrDefaultAsync(cancellationToken);
        if (comment is null)
        {
            return Results.NotFound();
        }

        var clientHash = await fingerprint.HashAsync(context.Connection.RemoteIpAddress, cancellationToken);
        if (!await db.CommentLikes.AnyAsync(l => l.CommentId == comment.Id && l.ClientHash == clientHash, cancellationToken))
        {
            db.CommentLikes.Add(new CommentLike { CommentId = comment.Id, ClientHash = clientHash, CreatedUtc = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                flusher.MarkChanged(comment.ArticleId, comment.Id);
            }
            catch (DbUpdateException)
            {
                // The same client's other click won the race and the unique index kept it to one like; anything
                // else (a storage fault) is the caller's error page.
                db.ChangeTracker.Clear();
                if (!await db.CommentLikes.AnyAsync(l => l.CommentId == comment.Id && l.ClientHash == clientHash, cancellationToken))
                {
                    throw;
                }
            }
        }

        context.Response.Headers.Location = ReturnAddress(slug, comment.Id, context.Request.Query);
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>Back to the comment on the page and in the order the form was on; only values the page knows are kept.</summary>
    private static string ReturnAddress(string slug, int commentId, IQueryCollection query)
    {
        var parts = new List<string>();
        var path = $"/articles/{slug}";
        if (int.TryParse(query["thread"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var threadRoot) && threadRoot > 0)
        {
            path = CommentThreadPage.PathFor(slug, threadRoot);
        }
        else if (CommentSorts.Parse(query[CommentSorts.QueryName].ToString()).QueryValue() is { } sort)
        {
            parts.Add($"{CommentSorts.QueryName}={sort}");
        }

        if (PageNumber.TryParse(query["cpage"].FirstOrDefault(), out var page) && page > 1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"cpage={page}"));
        }

        return $"{path}{(parts.Count == 0 ? "" : "?" + string.Join('&', parts))}#comment-{commentId}";
    }
}
