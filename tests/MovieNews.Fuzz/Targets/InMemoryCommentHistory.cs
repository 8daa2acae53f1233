using MovieNews.Web.Features.Moderation;

namespace MovieNews.Fuzz.Targets;

/// <summary>
/// A thread of approved comments 1 → 2 → 3 → 4 → 5 under article 1 and nothing else, so a fuzzed parent id can land
/// on a missing parent, a parent below the depth limit or one at it.
/// </summary>
internal sealed class InMemoryCommentHistory : ICommentHistory
{
    private static readonly ParentComment[] _thread =
        [new(1, null, 1, 1), new(2, 1, 2, 1), new(3, 2, 3, 1), new(4, 3, 4, 1), new(5, 4, 5, 1)];

    public Task<ParentComment?> FindParentAsync(int articleId, int parentId, bool approvedOnly, CancellationToken cancellationToken) =>
        Task.FromResult(articleId == 1 ? _thread.SingleOrDefault(p => p.Id == parentId) : null);

    public Task<DateTime?> LastCommentUtcAsync(string clientHash, CancellationToken cancellationToken) =>
        Task.FromResult<DateTime?>(null);

    public Task<bool> HasSameBodySinceAsync(string clientHash, string bodyFingerprint, DateTime sinceUtc, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    public Task<bool> IsKnownAuthorAsync(string name, string? email, CancellationToken cancellationToken) =>
        Task.FromResult(name == "Known Reader");
}
