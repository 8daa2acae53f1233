namespace MovieNews.Web.Features.Comments;

/// <summary>An author an editor vouched for ("Approve and trust author"): their comments skip the first-comment hold.</summary>
public sealed class TrustedAuthor
{
    public int Id { get; set; }

    /// <summary>The lowercased email, or "name:" + the name when they gave no email.</summary>
    public required string Key { get; set; }

    public DateTime TrustedUtc { get; set; }

    public static string KeyFor(string name, string? email) =>
        email is not null ? email.ToLowerInvariant() : "name:" + name;
}
