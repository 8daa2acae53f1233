using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.UnitTests.Moderation;

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>An in-memory comment history the rules can be tested against.</summary>
internal sealed class FakeHistory : ICommentHistory
{
    public List<ParentComment> ApprovedParents { get; } = [];
    public List<(string ClientHash, string Body, DateTime CreatedUtc)> Posted { get; } = [];
    public HashSet<string> KnownAuthors { get; } = [];

    public Task<ParentComment?> FindParentAsync(int articleId, int parentId, bool approvedOnly, CancellationToken cancellationToken) =>
        Task.FromResult(ApprovedParents.SingleOrDefault(p => p.Id == parentId && articleId == 1));

    public Task<DateTime?> LastCommentUtcAsync(string clientHash, CancellationToken cancellationToken) =>
        Task.FromResult(Posted.Where(p => p.ClientHash == clientHash).Select(p => (DateTime?)p.CreatedUtc).Max());

    /// <summary>Bodies are recorded as typed; the rule compares their fingerprints, as the database does.</summary>
    public Task<bool> HasSameBodySinceAsync(string clientHash, string bodyFingerprint, DateTime sinceUtc, CancellationToken cancellationToken) =>
        Task.FromResult(Posted.Any(p => p.ClientHash == clientHash && FingerprintOf(p.Body) == bodyFingerprint && p.CreatedUtc >= sinceUtc));

    /// <summary>As the service stores it: of what readers see of the body.</summary>
    private static string FingerprintOf(string body) =>
        TextFolding.Fingerprint(new MarkdownRenderer().RenderCommentWithText(TextNormalizer.MultiLine(body)).Text);

    public Task<bool> IsKnownAuthorAsync(string name, string? email, CancellationToken cancellationToken) =>
        Task.FromResult(KnownAuthors.Contains(email ?? name));

    /// <summary>The bans in force, matched by the real rule.</summary>
    public List<ActiveBan> Bans { get; } = [];

    public Task<ActiveBan?> FindBanAsync(string name, string? email, string clientHash, CancellationToken cancellationToken) =>
        Task.FromResult(BanRule.Find(Bans, name, email, clientHash, address: null));
}

internal sealed class ModerationTestKit
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public FixedClock Clock { get; } = new(Now);
    public FakeHistory History { get; } = new();
    public ModerationOptions Options { get; } = new() { BlockedWords = ["fuck", "casino"] };

    public Task<ModerationResult> ModerateAsync(
        string body = "Loved it.",
        string? name = "Reader",
        string? email = null,
        string? website = null,
        string? parentId = null,
        string? honeypot = null,
        string client = "client-a",
        CommentOrigin origin = CommentOrigin.Reader) =>
        new ModerationService(new MarkdownRenderer(), Clock).ModerateAsync(
            1,
            new CommentInput { Name = name, Email = email, Website = website, Body = body, ParentId = parentId, Homepage = honeypot },
            client,
            origin,
            Options,
            History,
            CancellationToken.None);

    public async Task<ModeratedComment> AcceptedAsync(
        string body = "Loved it.", string? name = "Reader", string? email = null, string? website = null, string? parentId = null, string? honeypot = null)
    {
        var result = await ModerateAsync(body, name, email, website, parentId, honeypot);
        return Assert.IsType<ModerationResult.Accepted>(result).Comment;
    }
}
