using System.Diagnostics;
using System.Net;
using MovieNews.EndToEndTests.Support;
using Xunit.Abstractions;

namespace MovieNews.EndToEndTests.Reliability;

/// <summary>
/// Two app processes on two ports sharing one PostgreSQL database and one Redis, as behind a load balancer
/// (docs/operations.md): what one instance does, the other sees within moments, and a sign-in works on both.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output) : IDisposable
{
    private const string Article = "/articles/the-quiet-return-of-the-mid-budget-thriller";
    private readonly SharedServices _shared = SharedServices.PostgresServer is null ? null! : new SharedServices();
    private readonly string _directory = Directory.CreateTempSubdirectory("movienews-scale").FullName;

    /// <summary>
    /// Each instance keeps pages in its own memory in front of Redis; an approval's eviction reaches the other through
    /// Redis pub/sub. Forty changes (approve, unapprove, ...) while the other instance holds the page in memory:
    /// every one shows there within a second (the bound of this test); the distribution is written to the test's
    /// output and stated in ADR-004.
    /// </summary>
    [SharedServicesFact]
    public async Task Approving_and_unapproving_through_one_instance_changes_the_page_the_other_keeps_in_memory()
    {
        var (first, second) = await StartTwoAsync(new() { ["Moderation__HoldAll"] = "true" });
        using var reader = Browser();
        using var commenter = await first.NewCommenterAsync(Article);
        const string text = "Held first, then approved on the other instance";
        var (status, id) = await commenter.PostAsync("Scale Reader", text);
        Assert.Equal(303, status);
        Assert.False(await ShowsAsync(reader, second, text));
        Assert.True(await _shared.HasRedisKeyAsync(Article), "The second instance's copy of the page is in the shared cache.");

        using var editor = Browser();
        await SignInAsync(editor, first);
        var token = Token(await editor.GetStringAsync(first.BaseUrl + "/admin/comments?status=pending"));
        var afterAnswer = new List<double>();
        var afterClick = new List<double>();
        for (var round = 0; round < 20; round++)
        {
            foreach (var (action, visible) in new[] { ("Approve", true), ("Unapprove", false) })
            {
                Assert.Equal(!visible, await ShowsAsync(reader, second, text)); // the second instance holds the page as it was
                var clicked = Stopwatch.StartNew();
                var answer = await editor.PostAsync(first.BaseUrl + "/admin/comments?status=pending", new FormUrlEncodedContent(
                [
                    new("__RequestVerificationToken", token),
                    new("act", $"{action}:{id}"),
                ]));
                Assert.True(answer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"{action} answered {answer.StatusCode}");
                // The delay is when the first read that shows the change was sent: its own render is not the cache's.
                var answered = Stopwatch.StartNew();
                var (sentAfterAnswer, sentAfterClick) = (0.0, 0.0);
                while (true)
                {
                    (sentAfterAnswer, sentAfterClick) = (answered.Elapsed.TotalMilliseconds, clicked.Elapsed.TotalMilliseconds);
                    if (await ShowsAsync(reader, second, text) == visible)
                    {
                        break;
                    }

                    Assert.True(answered.Elapsed < TimeSpan.FromSeconds(1), $"{action} not visible on the other instance after a second");
                    await Task.Delay(1);
                }

                afterAnswer.Add(sentAfterAnswer);
                afterClick.Add(sentAfterClick);
            }
        }

        output.WriteLine($"First read showing the change on the other instance, sent after the editor's answer: {Distribution(afterAnswer)}; after the click: {Distribution(afterClick)}");
    }

    private static async Task<bool> ShowsAsync(HttpClient reader, AppProcess instance, string text) =>
        (await reader.GetStringAsync(instance.BaseUrl + Article)).Contains(text, StringComparison.Ordinal);

    private static string Distribution(List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        double At(double quantile) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(quantile * sorted.Count) - 1)];
        return FormattableString.Invariant($"median {At(0.5):0.0} ms, p90 {At(0.9):0.0} ms, max {sorted[^1]:0.0} ms over {sorted.Count} changes");
    }

    [SharedServicesFact]
    public async Task A_sign_in_on_one_instance_works_on_the_other_and_sign_out_ends_it_on_both()
    {
        var (first, second) = await StartTwoAsync();
        var cookies = new CookieContainer();
        using var editor = Browser(cookies);

        await SignInAsync(editor, first);
        var copiedCookie = cookies.GetCookieHeader(new Uri(first.BaseUrl));
        var onSecond = await editor.GetAsync(second.BaseUrl + "/admin");
        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);

        var dashboard = await onSecond.Content.ReadAsStringAsync();
        var signOut = await editor.PostAsync(second.BaseUrl + "/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", Token(dashboard))]));
        Assert.True(signOut.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"Signing out answered {signOut.StatusCode}");

        // A copy of the cookie kept from before the sign-out is refused by the other instance too.
        using var replay = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, first.BaseUrl + "/admin");
        request.Headers.Add("Cookie", copiedCookie);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.SendAsync(request)).StatusCode);
    }

    [SharedServicesFact]
    public async Task A_comment_form_from_one_instance_posts_through_the_other()
    {
        var (first, second) = await StartTwoAsync();
        using var browser = Browser();
        await browser.GetStringAsync(first.BaseUrl + Article);

        var posted = await browser.PostAsync(second.BaseUrl + Article, new FormUrlEncodedContent(
        [
            new("Input.Name", "Across instances"),
            new("Input.Body", "Form from the first instance, posted to the second"),
        ]));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
    }

    [SharedServicesFact]
    public async Task Twenty_commenters_posting_fifty_comments_each_over_two_instances_store_exactly_one_thousand()
    {
        var (first, second) = await StartTwoAsync();

        var (statuses, ids) = await Crowd.PostAsync([first, second], Article, commenters: 20, commentsEach: 50);

        Assert.DoesNotContain(statuses, s => s >= 500);
        Assert.Equal(1000, statuses.Count(s => s == 303));
        Assert.Equal(1000, ids.Distinct().Count());
        var bodies = _shared.Query("""SELECT "BodyMarkdown" FROM "Comments" WHERE "BodyMarkdown" LIKE 'Comment %'""", r => r.GetString(0));
        Assert.Equal(1000, bodies.Count);
        Assert.Equal(1000, bodies.Distinct().Count());
    }

    [SharedServicesFact]
    public async Task Every_acknowledged_comment_survives_a_kill_9_on_postgresql()
    {
        var acknowledged = await Crowd.KillMidWriteAsync(await AppProcess.StartAsync(_directory, _shared.AppSettings), Article);

        using var restarted = await AppProcess.StartAsync(_directory, _shared.AppSettings);
        var stored = _shared.Query("""SELECT "Id" FROM "Comments" """, r => r.GetInt32(0)).ToHashSet();
        Assert.True(acknowledged.Count >= 200);
        Assert.Empty(acknowledged.Except(stored));
        using var after = await restarted.NewCommenterAsync(Article);
        Assert.Equal(303, (await after.PostAsync("After", "Posting works after the restart")).Status);
    }

    public void Dispose()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }

        _shared?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private readonly List<AppProcess> _instances = [];

    /// <summary>Both instances are started at once, as a deployment would: one migrates and seeds, the other waits for it.</summary>
    private async Task<(AppProcess First, AppProcess Second)> StartTwoAsync(Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(_shared.AppSettings)
        {
            ["Admin__Email"] = StaffForms.AdminEmail,
            ["Admin__Password"] = StaffForms.AdminPassword,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var starting = new[]
        {
            AppProcess.StartAsync(Path.Combine(_directory, "first"), settings),
            AppProcess.StartAsync(Path.Combine(_directory, "second"), settings),
        };
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            // Whatever started is stopped with the test, even when its twin failed to start.
            _instances.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }

        return (starting[0].Result, starting[1].Result);
    }

    /// <summary>One browser for both instances: cookies for 127.0.0.1 go to every port, as they would to one host name behind a balancer.</summary>
    private static HttpClient Browser(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { UseCookies = true, CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private static Task SignInAsync(HttpClient browser, AppProcess instance) => StaffForms.SignInAsync(browser, instance.BaseUrl);

    private static string Token(string html) => StaffForms.Token(html);
}
