using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Features.Accounts;

/// <summary>
/// The name a staff account signs its articles and replies with. It is published (bylines, feeds, metadata), so
/// it may never be an email address: any value containing "@" is refused, which also keeps out someone else's
/// address and an account's old one, not only its current email.
/// </summary>
public static class DisplayNames
{
    public const int MaxLength = 100;

    /// <summary>For an account that has no name of its own yet (the first admin without <c>Admin:DisplayName</c>, old accounts).</summary>
    public const string Default = "Staff";

    public const string LengthMessage = "Enter a display name of 1 to 100 characters.";
    public const string EmailMessage = "A display name is shown publicly, so it cannot contain “@”: use a name, not an email address.";

    /// <summary>The name as it will be stored (normalised like a commenter's name), or the reason it is refused.</summary>
    public static DisplayNameCheck Check(string? typed)
    {
        var name = TextNormalizer.SingleLine(typed);
        if (name.Length is 0 or > MaxLength)
        {
            return new DisplayNameCheck(null, LengthMessage);
        }

        return name.Contains('@', StringComparison.Ordinal)
            ? new DisplayNameCheck(null, EmailMessage)
            : new DisplayNameCheck(name, null);
    }

    /// <summary>The byline for something this account writes, whatever state its stored name is in.</summary>
    public static string BylineOf(EditorUser? user) => Check(user?.DisplayName).Name ?? Default;
}

/// <summary>Exactly one of the two is set.</summary>
public sealed record DisplayNameCheck(string? Name, string? Problem);
