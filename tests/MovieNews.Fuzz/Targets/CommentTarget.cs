using MovieNews.Fuzz.Oracles;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Fuzz.Targets;

/// <summary>
/// The whole moderation pipeline on a fuzzed form: body, name, email, website, parent id and honeypot, separated by
/// U+001F (a missing name is "Reader", so most inputs reach the renderer). It must never throw; what it accepts must
/// hold only allowlisted HTML and a clean name.
/// </summary>
public sealed class CommentTarget : IFuzzTarget
{
    private static readonly DateTimeOffset _now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly ModerationService _service = new(new MarkdownRenderer(), new FixedClock(_now));

    private readonly ModerationOptions _options = new()
    {
        BlockedWords = ["casino", "fuck"],
        HoldFirstComment = true,
        MaxDepth = 3,
    };

    public void Run(byte[] input)
    {
        var fields = FuzzInput.Fields(FuzzInput.Text(input), 6);
        var submission = new CommentInput { Name = fields[1] ?? "Reader", Email = fields[2], Website = fields[3], Body = fields[0], ParentId = fields[4], Homepage = fields[5] };
        // The origin picks the rules: the first byte chooses one, so every origin's path is explored.
        var origin = (CommentOrigin)(input.Length == 0 ? 0 : input[0] % Enum.GetValues<CommentOrigin>().Length);
        // The history answers synchronously, so the task is already complete.
        var result = _service.ModerateAsync(1, submission, "fuzz-client", origin, _options, new InMemoryCommentHistory(), CancellationToken.None).GetAwaiter().GetResult();
        if (result is ModerationResult.Accepted { Comment: var comment })
        {
            HtmlAllowlist.Comments.Check(comment.BodyHtml.Value, "the comment body");
            if (NormalizedText.SingleLineViolations(comment.Name) is { Count: > 0 } nameViolations)
            {
                throw new InvariantViolationException($"the accepted name holds {string.Join("; ", nameViolations)}");
            }

            if (comment.Website is { } website && new Uri(website).Scheme is not ("http" or "https"))
            {
                throw new InvariantViolationException($"the accepted website {website} is not http(s)");
            }
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
