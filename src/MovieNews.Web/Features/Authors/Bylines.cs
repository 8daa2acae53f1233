using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Authors;

/// <summary>Bylines made from the authors' display names, and the author-page addresses behind them.</summary>
public static class Bylines
{
    public const int MaxAuthors = 10;

    /// <summary>"Ana", "Ana and Ben", "Ana, Ben and Cy" (in the site's language); kept within the byline's 100 characters.</summary>
    public static string Join(IReadOnlyList<string> names)
    {
        var joined = names.Count switch
        {
            0 => string.Empty,
            1 => names[0],
            _ => SiteText.Format("{0} and {1}", string.Join(", ", names.Take(names.Count - 1)), names[^1]),
        };
        if (joined.Length <= DisplayNames.MaxLength)
        {
            return joined;
        }

        var shorter = SiteText.Format("{0} and {1} others", names[0], names.Count - 1);
        return shorter.Length <= DisplayNames.MaxLength ? shorter : names[0];
    }

    /// <summary>Gives the user an author-page address from their display name if they have none ("ana-lopez", then "ana-lopez-2").</summary>
    public static async Task EnsureSlugAsync(MovieNewsDbContext db, EditorUser user, CancellationToken cancellationToken)
    {
        if (user.AuthorSlug is not null)
        {
            return;
        }

        var stem = Slug.From(user.DisplayName);
        stem = stem.Length == 0 ? "author" : stem[..Math.Min(stem.Length, Slug.MaxLength - 4)].TrimEnd('-');
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? stem : $"{stem}-{n}";
            if (!await db.Users.AnyAsync(u => u.AuthorSlug == candidate, cancellationToken)
                && !db.Users.Local.Any(u => u.AuthorSlug == candidate))
            {
                user.AuthorSlug = candidate;
                return;
            }
        }
    }

    /// <summary>
    /// After a display-name change: the bylines made from it say the new name. Typed bylines keep their text. The
    /// articles' pages change without a save, so their <see cref="Article.CommentsVersion"/> moves their ETag.
    /// </summary>
    public static async Task RefreshForAsync(MovieNewsDbContext db, string userId, CancellationToken cancellationToken)
    {
        var articles = await db.Articles
            .Where(a => !a.CustomByline && a.Authors.Any(au => au.UserId == userId))
            .Include(a => a.Authors).ThenInclude(au => au.User)
            .ToListAsync(cancellationToken);
        foreach (var article in articles)
        {
            var byline = Join([.. article.Authors.OrderBy(au => au.Position).Select(au => au.User!.DisplayName)]);
            if (byline != article.AuthorName)
            {
                article.AuthorName = byline;
                article.CommentsVersion++;
            }
        }
    }
}
