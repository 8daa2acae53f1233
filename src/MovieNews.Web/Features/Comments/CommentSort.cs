namespace MovieNews.Web.Features.Comments;

/// <summary>
/// The orders a conversation can be read in. Each is its own address (<c>?sort=newest</c>, <c>?sort=best</c>; the
/// default, oldest first, has no parameter), so each order is one cacheable page.
/// </summary>
public enum CommentSort
{
    Oldest,
    Newest,
    Best,
}

public static class CommentSorts
{
    public const string QueryName = "sort";

    /// <summary>The values the address may carry, the default first (it is written as no parameter at all).</summary>
    public static readonly string[] Values = ["oldest", "newest", "best"];

    /// <summary>Absent or unknown means the default; the canonical-address redirect has already removed unknown values.</summary>
    public static CommentSort Parse(string? raw) => raw switch
    {
        "newest" => CommentSort.Newest,
        "best" => CommentSort.Best,
        _ => CommentSort.Oldest,
    };

    /// <summary>The query value for an order, or null for the default.</summary>
    public static string? QueryValue(this CommentSort sort) => sort switch
    {
        CommentSort.Newest => "newest",
        CommentSort.Best => "best",
        _ => null,
    };
}
