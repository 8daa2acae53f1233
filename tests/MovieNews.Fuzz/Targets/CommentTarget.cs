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
        var submission = new CommentSubmission(1, fields[1] ?? "Reader", fields[2], fields[3], fields[0], fields[4], fields[5], "fuzz-client");
        // The history answers synchronously, so the task is already complete.
        var result = _service.ModerateAsync(submission, _options, new InMemoryCommentHistory(), CancellationToken.None).GetAwaiter().GetResult();
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
