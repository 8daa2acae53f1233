namespace MovieNews.Web.Features.Comments;

/// <summary>What the site knows of the person at the keyboard: a salted client hash and their cookies.</summary>
public sealed record CommenterContext(ClientFingerprint Fingerprint, PendingCommentsCookie Pending, CommenterCookie Commenter, OwnCommentsCookie Own);
