namespace MovieNews.Web.Features.Comments;

/// <summary>What the site knows of the person at the keyboard: a salted client hash and their cookies.</summary>
public sealed record CommenterContext(ClientFingerprint Fingerprint, PendingCommentsCookie Pending, CommenterCookie Commenter, OwnCommentsCookie Own)
{
    /// <summary>True when nothing in the request makes the page this reader's own (held comments, saved details).</summary>
    public static bool HasNoReaderCookies(HttpRequest request) =>
        !request.Cookies.ContainsKey(PendingCommentsCookie.Name) && !request.Cookies.ContainsKey(CommenterCookie.Name)
        && !request.Cookies.ContainsKey(OwnCommentsCookie.Name);
}
