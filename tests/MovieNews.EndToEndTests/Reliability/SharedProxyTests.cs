using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using MovieNews.EndToEndTests.Support;
using Xunit.Abstractions;

namespace MovieNews.EndToEndTests.Reliability;

/// <summary>
/// The site behind a real shared cache — Debian's Varnish with the VCL in docs/deploy — and the app told to purge
/// it (<c>Caching:PurgeUrls</c>): readers' hits never reach the app, and an approval, an edit or a publish made in the
/// app is visible through the proxy within a second (each delay is written to the test's output).
/// </summary>
public sealed partial class SharedProxyTests(SharedProxyTests.Site site, ITestOutputHelper output) : IClassFixture<SharedProxyTests.Site>
{
    private const string Article = "/articles/the-quiet-return-of-the-mid-budget-thriller";

    [Fact]
    public async Task A_second_read_is_a_hit_served_by_the_proxy_without_its_cache_tags()
    {
        using var reader = Site.Reader();

        await reader.GetAsync(site.Proxy.BaseUrl + "/tags");
        var second = await reader.GetAsync(site.Proxy.BaseUrl + "/tags");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("HIT", second.Headers.GetValues("X-Cache").Single());
        Assert.False(second.Headers.Contains("Surrogate-Key"));
        Assert.True(site.DirectHeaders("/tags").Contains("Surrogate-Key"), "The app names the page's cache tags for the proxy.");
    }

    [Fact]
    public async Task A_comment_approved_in_the_app_shows_through_the_proxy_within_a_second()
    {
        using var commenter = await site.App.NewCommenterAsync(Article);
        const string text = "Held, approved, then shown through the shared cache";
        var (status, id) = await commenter.PostAsync("Proxy Reader", text);
        Assert.Equal(303, status);
        using var reader = Site.Reader();
        Assert.DoesNotContain(text, await ReadAsync(reader, Article), StringComparison.Ordinal);
        Assert.Equal("HIT", (await reader.GetAsync(site.Proxy.BaseUrl + Article)).Headers.GetValues("X-Cache").Single());

        using var editor = await site.SignedInEditorAsync();
        var queue = await editor.GetStringAsync(site.App.BaseUrl + "/admin/comments?status=pending");
        var approved = await editor.PostAsync(site.App.BaseUrl + "/admin/comments?status=pending", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", Site.Token(queue)), new("act", $"Approve:{id}")]));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        output.WriteLine($"Approval visible through the proxy {await VisibleWithinASecondAsync(reader, Article, text)} after the editor's answer.");
    }

    [Fact]
    public async Task A_publish_and_an_edit_in_the_app_show_through_the_proxy_within_a_second()
    {
        using var reader = Site.Reader();
        await ReadAsync(reader, "/");
        await ReadAsync(reader, "/");
        using var editor = await site.SignedInEditorAsync();

        var created = await site.SaveArticleAsync(editor, null, "Published behind the proxy");
        output.WriteLine($"Publish visible on the home page through the proxy {await VisibleWithinASecondAsync(reader, "/", "Published behind the proxy")} after the editor's answer.");

        await ReadAsync(reader, "/articles/published-behind-the-proxy");
        await site.SaveArticleAsync(editor, created, "Edited behind the proxy");
        output.WriteLine($"Edit visible on the article through the proxy {await VisibleWithinASecondAsync(reader, "/articles/published-behind-the-proxy", "Edited behind the proxy")} after the editor's answer.");
    }

    [Fact]
    public async Task The_proxy_refuses_a_purge_from_an_address_it_does_not_list()
    {
        using var stranger = SourceAddressClient.Create(new Uri(site.Proxy.BaseUrl), IPAddress.Parse("127.0.0.77"), new IPEndPoint(IPAddress.Loopback, site.Proxy.Port));
        using var purge = new HttpRequestMessage(new HttpMethod("PURGE"), "/");
        purge.Headers.Add("Surrogate-Key", "reader");

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.SendAsync(purge)).StatusCode);
    }

    private async Task<string> ReadAsync(HttpClient reader, string path) => await reader.GetStringAsync(site.Proxy.BaseUrl + path);

    /// <summary>
    /// Reads through the proxy until the text shows; fails after a second. Says when the first read that showed it
    /// was sent (the purge's delay) and when it was answered (with the app's fresh render of the page).
    /// </summary>
    private async Task<string> VisibleWithinASecondAsync(HttpClient reader, string path, string text)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var sent = clock.ElapsedMilliseconds;
            if ((await ReadAsync(reader, path)).Contains(text, StringComparison.Ordinal))
            {
                return $"{sent} ms (answered at {clock.ElapsedMilliseconds} ms)";
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"'{text}' not on {path} through the proxy after a second.");
            await Task.Delay(5);
        }
    }

    public sealed partial class Site : IAsyncLifetime
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("movienews-varnish-site").FullName;
        private AppProcess? _app;
        private VarnishProxy? _proxy;

        public AppProcess App => _app ?? throw new InvalidOperationException("The app is not running.");

        public VarnishProxy Proxy => _proxy ?? throw new InvalidOperationException("Varnish is not running.");

        public async Task InitializeAsync()
        {
            // The proxy's port is needed in the app's settings before the app's port is known in the proxy's VCL:
            // the app starts first, told of a port reserved for the proxy.
            var proxyPort = VarnishProxy.ReservePort();
            _app = await AppProcess.StartAsync(_directory, new Dictionary<string, string>
            {
                ["Admin__Email"] = StaffForms.AdminEmail,
                ["Admin__Password"] = StaffForms.AdminPassword,
                ["Moderation__HoldAll"] = "true",
                ["Caching__PurgeUrls__0"] = $"http://127.0.0.1:{proxyPort}",
            });
            _proxy = await VarnishProxy.StartAsync(new Uri(_app.BaseUrl).Port, proxyPort);
        }

        public Task DisposeAsync()
        {
            _proxy?.Dispose();
            _app?.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }

            return Task.CompletedTask;
        }

        /// <summary>A reader without cookies, as a shared cache serves them.</summary>
        public static HttpClient Reader() => new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

        public System.Net.Http.Headers.HttpResponseHeaders DirectHeaders(string path)
        {
            using var direct = Reader();
            return direct.GetAsync(App.BaseUrl + path).GetAwaiter().GetResult().Headers;
        }

        public async Task<HttpClient> SignedInEditorAsync()
        {
            var editor = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
            await StaffForms.SignInAsync(editor, App.BaseUrl);
            return editor;
        }

        /// <summary>Saves a published article with this title (a new one when <paramref name="id"/> is null); returns its id.</summary>
        public async Task<int> SaveArticleAsync(HttpClient editor, int? id, string title)
        {
            var address = App.BaseUrl + "/admin/articles/edit" + (id is null ? "" : $"/{id}");
            var form = await editor.GetStringAsync(address);
            var saved = await editor.PostAsync(address + "?handler=Save", new FormUrlEncodedContent(
            [
                new("__RequestVerificationToken", Token(form)),
                new("Input.Version", VersionPattern().Match(form).Groups[1].Value),
                new("Input.Title", title),
                new("Input.Slug", "published-behind-the-proxy"),
                new("Input.Tags", "movies"),
                new("Input.Body", $"{title}: the body."),
                new("Input.Status", "Published"),
            ]));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            return id ?? int.Parse(saved.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        }

        public static string Token(string html) => StaffForms.Token(html);

        [GeneratedRegex("name=\"Input.Version\" value=\"([^\"]*)\"")]
        private static partial Regex VersionPattern();
    }
}
