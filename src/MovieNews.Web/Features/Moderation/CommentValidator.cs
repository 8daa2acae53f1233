using System.Globalization;
using System.Net.Mail;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Moderation;

/// <summary>The fields of a comment form, after normalising.</summary>
public sealed record NormalizedComment(string Name, string? Email, string? Website, string Body, string? ParentId);

/// <summary>Step two: every rule a field must satisfy, each broken rule a message for that field.</summary>
public static class CommentValidator
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int WebsiteMaxLength = 200;
    public const int BodyMaxLength = 10_000;

    public static class Fields
    {
        public const string Name = "Name";
        public const string Email = "Email";
        public const string Website = "Website";
        public const string Body = "Body";
        public const string ParentId = "ParentId";
    }

    public static Dictionary<string, string> Validate(NormalizedComment comment, int bodyMaxLength = BodyMaxLength)
    {
        var errors = new Dictionary<string, string>();
        if (comment.Name.Length == 0)
        {
            errors[Fields.Name] = "Please enter your name.";
        }
        else if (comment.Name.Length > NameMaxLength)
        {
            errors[Fields.Name] = SiteText.Format("Your name can be at most {0} characters (it has {1}).", NameMaxLength, comment.Name.Length);
        }

        if (comment.Email is not null && !IsEmail(comment.Email))
        {
            errors[Fields.Email] = comment.Email.Length > EmailMaxLength
                ? SiteText.Format("The email address can be at most {0} characters.", EmailMaxLength)
                : "Please enter an email address like name@example.com, or leave it empty.";
        }

        if (comment.Website is not null && ParseWebsite(comment.Website) is null)
        {
            errors[Fields.Website] = comment.Website.Length > WebsiteMaxLength
                ? SiteText.Format("The website address can be at most {0} characters.", WebsiteMaxLength)
                : "Please enter a web address such as example.com or https://example.com/blog, or leave it empty.";
        }

        if (ValidateBody(comment.Body, bodyMaxLength) is { } bodyError)
        {
            errors[Fields.Body] = bodyError;
        }

        if (comment.ParentId is not null && ParseParentId(comment.ParentId) is null)
        {
            errors[Fields.ParentId] = "The comment you are replying to does not exist.";
        }

        return errors;
    }

    public static string? ValidateBody(string body, int maxLength) =>
        body.Length == 0 ? "Please write a comment."
        : body.Length > maxLength ? SiteText.Format("Your comment can be at most {0:N0} characters (it has {1:N0}).", maxLength, body.Length)
        : null;

    /// <summary>A positive comment id, or null for anything else (negative, zero, too large, not a number).</summary>
    public static int? ParseParentId(string raw) =>
        int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>
    /// An absolute http(s) URL with a host, nothing hidden in it; null when the text is not one. A bare host
    /// ("example.com", "www.example.com/blog") is what most people type, and means https.
    /// </summary>
    public static Uri? ParseWebsite(string raw)
    {
        // Quotes, angle brackets and backslashes never belong in a typed address; they only appear in breakout attempts.
        if (raw.Length > WebsiteMaxLength || raw.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '<' or '>' or '`' or '\\'))
        {
            return null;
        }

        var address = IsBareHost(raw) ? "https://" + raw : raw;
        return Uri.TryCreate(address, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0
            && string.IsNullOrEmpty(uri.UserInfo)
            && address.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase)
                ? uri
                : null;
    }

    /// <summary>"example.com/path": a dotted host name first, and no scheme, port or user anywhere before the path.</summary>
    private static bool IsBareHost(string raw)
    {
        var host = raw.Split('/', '?', '#')[0];
        return host.Contains('.', StringComparison.Ordinal) && !host.StartsWith('.') && !host.EndsWith('.')
            && host.All(c => char.IsLetterOrDigit(c) || c is '.' or '-');
    }

    private static bool IsEmail(string raw)
    {
        if (raw.Length > EmailMaxLength || raw.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or ','))
        {
            return false;
        }

        var at = raw.LastIndexOf('@');
        return at > 0
            && at < raw.Length - 1
            && raw.IndexOf('@', StringComparison.Ordinal) == at
            && raw[(at + 1)..].Contains('.', StringComparison.Ordinal)
            && !raw.EndsWith('.')
            && MailAddress.TryCreate(raw, out var address)
            && address.Address == raw;
    }
}
