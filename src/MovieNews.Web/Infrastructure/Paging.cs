using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace MovieNews.Web.Infrastructure;

public static class PageNumber
{
    /// <summary>Absent means page 1; anything but a positive whole number is the client's mistake.</summary>
    public static bool TryParse(string? raw, out int page)
    {
        if (raw is null)
        {
            page = 1;
            return true;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page >= 1;
    }
}

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize));
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < TotalPages;
}

public static class PagingExtensions
{
    /// <summary>Returns null when the page lies past the last one, so the caller can answer 404.</summary>
    public static async Task<PagedList<T>?> ToPageAsync<T>(
        this IQueryable<T> query, int page, int pageSize, CancellationToken cancellationToken)
        => await query.ToPageAsync(page, pageSize, await query.CountAsync(cancellationToken), cancellationToken);

    /// <summary>The same, with the total already known (a count kept up to date instead of counted per request).</summary>
    public static async Task<PagedList<T>?> ToPageAsync<T>(
        this IQueryable<T> query, int page, int pageSize, int total, CancellationToken cancellationToken)
    {
        var lastPage = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        if (page > lastPage)
        {
            return null;
        }

        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedList<T>(items, page, pageSize, total);
    }
}

/// <summary>What the pagination links need: where they point, which page is current, and what the way back and on is called.</summary>
public sealed record Pagination(string BasePath, int Page, int TotalPages, string QueryName = "page", string Fragment = "", PaginationLabels? Labels = null)
{
    private const int Neighbours = 2;

    /// <summary>Article lists run newest first: page 2 is older.</summary>
    public static readonly PaginationLabels ArticleLabels = new("← Newer", "Older →");

    /// <summary>A conversation runs oldest first: page 2 holds newer comments.</summary>
    public static readonly PaginationLabels CommentLabels = new("← Older comments", "Newer comments →");

    /// <summary>Newest first, page 2 holds older comments.</summary>
    public static readonly PaginationLabels NewestCommentLabels = new("← Newer comments", "Older comments →");

    public PaginationLabels Text => Labels ?? ArticleLabels;

    public string UrlFor(int page) =>
        (page == 1 ? BasePath : $"{BasePath}{(BasePath.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{QueryName}={page}") + Fragment;

    /// <summary>First, last and the pages around the current one; null marks a gap, so a long archive stays short.</summary>
    public IEnumerable<int?> Numbers()
    {
        var shown = new SortedSet<int> { 1, TotalPages };
        for (var number = Math.Max(1, Page - Neighbours); number <= Math.Min(TotalPages, Page + Neighbours); number++)
        {
            shown.Add(number);
        }

        var previous = 0;
        foreach (var number in shown)
        {
            if (number > previous + 1)
            {
                yield return null;
            }

            yield return number;
            previous = number;
        }
    }
}

public sealed record PaginationLabels(string Previous, string Next);
