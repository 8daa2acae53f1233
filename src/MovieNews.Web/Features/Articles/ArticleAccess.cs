using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.Web.Features.Articles;

/// <summary>What one person may do with one article (or with a new one).</summary>
/// <param name="Open">See it in the editor, its revisions and its review notes.</param>
/// <param name="Publish">Publish, schedule, unpublish and update it while readers see it.</param>
/// <param name="EditInPlace">Save it directly; without this, a change to a live article waits for review as an <see cref="Review.ArticleChange"/>.</param>
/// <param name="Credit">Choose its authors and byline (writers are credited on what they write).</param>
public sealed record ArticleRights(bool Open, bool Publish, bool EditInPlace, bool Credit)
{
    public static readonly ArticleRights None = new(false, false, false, false);

    /// <summary>Moving to the trash (and back) is an unpublish for a live article: the same right as saving in place.</summary>
    public bool Trash => EditInPlace;
}

/// <summary>
/// Editors and admins may do anything to any article. Authors and contributors work on the articles they started or
/// are credited on; an author publishes them, a contributor submits them for review and, once they are live,
/// submits changes that readers see only when an editor applies them.
/// </summary>
public static class ArticleAccess
{
    public static bool IsEditor(ClaimsPrincipal user) => Roles.Editors.Any(user.IsInRole);

    public static bool CanPublish(ClaimsPrincipal user) => Roles.Publishers.Any(user.IsInRole);

    public static bool CanUpload(ClaimsPrincipal user) => CanPublish(user);

    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>Articles the account started or is credited on.</summary>
    public static IQueryable<Article> WrittenBy(this IQueryable<Article> articles, string userId) =>
        articles.Where(a => a.CreatedById == userId || a.Authors.Any(credit => credit.UserId == userId));

    /// <summary>All articles for an editor; a writer's own for anyone else.</summary>
    public static IQueryable<Article> VisibleInAdminTo(this IQueryable<Article> articles, ClaimsPrincipal user) =>
        IsEditor(user) ? articles : articles.WrittenBy(UserId(user) ?? string.Empty);

    /// <summary>The rights on a new article.</summary>
    public static ArticleRights ForNew(ClaimsPrincipal user) =>
        new(Open: true, Publish: CanPublish(user), EditInPlace: true, Credit: IsEditor(user));

    public static ArticleRights For(ClaimsPrincipal user, bool writer, ArticleStatus status)
    {
        if (IsEditor(user))
        {
            return new(true, true, true, true);
        }

        if (!writer)
        {
            return ArticleRights.None;
        }

        var publish = user.IsInRole(Roles.Author);
        return new(Open: true, Publish: publish, EditInPlace: publish || status is ArticleStatus.Draft or ArticleStatus.InReview, Credit: false);
    }

    /// <summary>The rights on a stored article, or null when there is no such article.</summary>
    public static async Task<ArticleRights?> ForAsync(MovieNewsDbContext db, ClaimsPrincipal user, int articleId, CancellationToken cancellationToken)
    {
        var me = UserId(user) ?? string.Empty;
        var found = await db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new { a.Status, Writer = a.CreatedById == me || a.Authors.Any(credit => credit.UserId == me) })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : For(user, found.Writer, found.Status);
    }
}
