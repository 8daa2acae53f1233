using BenchmarkDotNet.Attributes;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Benchmarks;

/// <summary>The whole moderation pipeline (normalise → validate → render → sanitize → assess) for one comment.</summary>
[MemoryDiagnoser]
public class ModerationBenchmarks
{
    private const string Typical = "Yes, there HAS to be a sequel. They’re great together. Here’s my thoughts. Since everyone stayed in the hotel b4 going on tour. What if Frankie’s gf got pregnant that night? *Just my thoughts* 💜";

    private readonly ModerationService _service = new(new MarkdownRenderer(), TimeProvider.System);
    private readonly ModerationOptions _options = new()
    {
        BlockedWords = ["fuck", "shit", "cunt", "motherfucker", "asshole", "bitch", "bastard", "casino", "viagra"],
    };

    private readonly NoHistory _history = new();
    private string _long = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var paragraph = "I watched it again last night and the **chemistry** still works. See https://example.com for more.\n\n";
        _long = string.Concat(Enumerable.Repeat(paragraph, 200))[..10_000];
    }

    [Benchmark(Baseline = true)]
    public Task<ModerationResult> TypicalComment() => Moderate(Typical);

    [Benchmark]
    public Task<ModerationResult> TenThousandCharacterComment() => Moderate(_long);

    private Task<ModerationResult> Moderate(string body) =>
        _service.ModerateAsync(
            1,
            new CommentInput { Name = "Reader 2", Email = "reader@example.com", Website = "https://example.com", Body = body },
            "client",
            CommentOrigin.Reader,
            _options,
            _history,
            CancellationToken.None);

    private sealed class NoHistory : ICommentHistory
    {
        public Task<ParentComment?> FindParentAsync(int articleId, int parentId, bool approvedOnly, CancellationToken cancellationToken) => Task.FromResult<ParentComment?>(null);
        public Task<DateTime?> LastCommentUtcAsync(string clientHash, CancellationToken cancellationToken) => Task.FromResult<DateTime?>(null);
        public Task<bool> HasSameBodySinceAsync(string clientHash, string bodyFingerprint, DateTime sinceUtc, CancellationToken cancellationToken) => Task.FromResult(false);
        public Task<bool> IsKnownAuthorAsync(string name, string? email, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
