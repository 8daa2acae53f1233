using CsCheck;
using MovieNews.Fuzz.Oracles;
using MovieNews.UnitTests.Moderation;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.UnitTests.Properties;

/// <summary>
/// The whole moderation pipeline on generated forms and settings: it answers every submission with a result (never
/// an exception), and what it accepts is safe to store and show.
/// </summary>
public sealed class ModerationServiceProperties
{
    private static readonly MarkdownRenderer _renderer = new();
    private static readonly string[] _fields =
        [CommentValidator.Fields.Name, CommentValidator.Fields.Email, CommentValidator.Fields.Website, CommentValidator.Fields.Body, CommentValidator.Fields.ParentId];

    private static readonly Gen<string?> _null = Gen.Const(() => (string?)null);

    private static readonly Gen<string?> _name = Gen.Frequency(
        (1, _null),
        (2, Gen.OneOf<string?>("Reader", "Known Reader", "R\u00E9n\u00E9e", "casino")),
        (6, HostileInput.Unicode.Select(s => (string?)s)));

    private static readonly Gen<string?> _body = Gen.Frequency(
        (1, _null),
        (12, HostileInput.Text.Select(s => (string?)s)),
        (1, Gen.Int[CommentValidator.BodyMaxLength - 5, CommentValidator.BodyMaxLength + 5].Select(n => (string?)new string('x', n))));

    /// <summary>A generated form, the client it came from and the origin that picks the rules.</summary>
    private sealed record Submission(string? Name, string? Email, string? Website, string? Body, string? ParentId, string? Honeypot, string ClientHash, CommentOrigin Origin);

    private static readonly Gen<Submission> _submission = Gen.Select(
        _name,
        Nullable(HostileInput.Email),
        Nullable(HostileInput.Website),
        _body,
        Nullable(HostileInput.ParentId),
        Gen.Frequency((6, _null), (1, HostileInput.Unicode.Select(s => (string?)s))),
        Gen.OneOf("client-a", "client-b").SelectMany(client => Gen.Enum<CommentOrigin>().Select(origin => (client, origin))),
        (name, email, website, body, parentId, honeypot, from) => new Submission(name, email, website, body, parentId, honeypot, from.client, from.origin));

    private static readonly Gen<ModerationOptions> _options = Gen.Select(
        Gen.Int[0, 30],
        Gen.Int[0, 10],
        Gen.Int[0, 3],
        Gen.Frequency((3, Gen.OneOf("casino", "fuck", "sh1t")), (1, HostileInput.WellFormedUnicode)).Array[0, 3],
        Gen.Bool,
        Gen.Bool,
        Gen.Int[-1, 6],
        (flood, duplicate, links, blocked, holdFirst, holdAll, maxDepth) => new ModerationOptions
        {
            FloodIntervalSeconds = flood,
            DuplicateWindowMinutes = duplicate,
            LinkHoldThreshold = links,
            BlockedWords = [.. blocked],
            HoldFirstComment = holdFirst,
            HoldAll = holdAll,
            MaxDepth = maxDepth,
        });

    private static readonly Gen<(Submission Submission, ModerationOptions Options)> _cases = Gen.Select(_submission, _options, (s, o) => (s, o));

    [Fact]
    public Task Every_submission_gets_a_result_never_an_exception() =>
        _cases.SampleAsync(c => ModerateAsync(c), iter: PropertyRuns.Iterations(2000), print: Show);

    [Fact]
    public Task A_deeply_nested_body_gets_a_result_never_an_exception() =>
        Gen.Select(_cases, HostileInput.DeeplyNestedMarkdown, (c, body) => (c.Submission with { Name = "Reader", Body = body }, c.Options))
            .SampleAsync(c => ModerateAsync(c), iter: PropertyRuns.Iterations(60), print: Show);

    [Fact]
    public Task A_refused_submission_names_a_form_field_for_each_problem() =>
        _cases.SampleAsync(
            async c =>
            {
                if (await ModerateAsync(c) is ModerationResult.Invalid invalid)
                {
                    Assert.NotEmpty(invalid.Errors);
                    Assert.All(invalid.Errors.Keys, field => Assert.Contains(field, _fields));
                }
            },
            iter: PropertyRuns.Iterations(2000),
            print: Show);

    [Fact]
    public Task An_accepted_body_holds_only_the_comment_profiles_html() =>
        _cases.SampleAsync(
            async c =>
            {
                if (await ModerateAsync(c) is ModerationResult.Accepted accepted)
                {
                    Assert.Empty(HtmlAllowlist.Comments.Violations(accepted.Comment.BodyHtml.Value));
                }
            },
            iter: PropertyRuns.Iterations(2000),
            print: Show);

    [Fact]
    public Task An_accepted_name_holds_no_control_bidi_or_invisible_character() =>
        _cases.SampleAsync(
            async c =>
            {
                if (await ModerateAsync(c) is ModerationResult.Accepted accepted)
                {
                    Assert.Empty(NormalizedText.SingleLineViolations(accepted.Comment.Name));
                    Assert.NotEmpty(accepted.Comment.Name);
                }
            },
            iter: PropertyRuns.Iterations(2000),
            print: Show);

    [Fact]
    public Task An_accepted_website_is_an_absolute_http_or_https_address() =>
        _cases.SampleAsync(
            async c =>
            {
                if (await ModerateAsync(c) is ModerationResult.Accepted { Comment.Website: { } website })
                {
                    Assert.True(Uri.TryCreate(website, UriKind.Absolute, out var uri), website);
                    Assert.Contains(uri.Scheme, new[] { "http", "https" });
                }
            },
            iter: PropertyRuns.Iterations(2000),
            print: Show);

    private static Task<ModerationResult> ModerateAsync((Submission Submission, ModerationOptions Options) c)
    {
        var history = new FakeHistory();
        history.ApprovedParents.AddRange([new(1, null, 1, 1), new(2, 1, 2, 1), new(3, 2, 3, 1), new(4, 3, 4, 1), new(5, 4, 5, 1)]);
        history.Posted.Add(("client-b", "Loved it.", ModerationTestKit.Now.UtcDateTime.AddSeconds(-5)));
        history.KnownAuthors.Add("Known Reader");
        var s = c.Submission;
        var input = new CommentInput { Name = s.Name, Email = s.Email, Website = s.Website, Body = s.Body, ParentId = s.ParentId, Homepage = s.Honeypot };
        return new ModerationService(_renderer, new FixedClock(ModerationTestKit.Now)).ModerateAsync(1, input, s.ClientHash, s.Origin, c.Options, history, CancellationToken.None);
    }

    private static Gen<string?> Nullable(Gen<string> gen) => Gen.Frequency((1, _null), (3, gen.Select(s => (string?)s)));

    private static string Show((Submission Submission, ModerationOptions Options) c)
    {
        string Field(string? value) => value is null ? "null" : HostileInput.Show(value);
        var s = c.Submission;
        var o = c.Options;
        return $"name {Field(s.Name)}, email {Field(s.Email)}, website {Field(s.Website)}, body {Field(s.Body)}, parent {Field(s.ParentId)}, "
            + $"honeypot {Field(s.Honeypot)}, client {s.ClientHash}, origin {s.Origin}; flood {o.FloodIntervalSeconds}, duplicate {o.DuplicateWindowMinutes}, "
            + $"links {o.LinkHoldThreshold}, blocked [{string.Join(", ", o.BlockedWords.Select(HostileInput.Show))}], "
            + $"hold-first {o.HoldFirstComment}, hold-all {o.HoldAll}, depth {o.MaxDepth}";
    }
}
