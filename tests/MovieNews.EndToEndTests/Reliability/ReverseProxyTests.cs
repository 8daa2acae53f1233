using System.Net;
using System.Text.RegularExpressions;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Reliability;

/// <summary>
/// The app behind a real nginx terminating TLS, configured as docs/operations.md says, with nginx's address as the
/// one known proxy. Each reader connects from a loopback address of its own, so the tests see what the red team
/// saw: whether each reader keeps their own flood and sign-in limits, whether forged forwarded headers get past
/// the proxy or around it, and whether cookies and HSTS know the site is served over HTTPS.
/// </summary>
public sealed partial class ReverseProxyTests(ReverseProxyTests.Site site) : IClassFixture<ReverseProxyTests.Site>
{
    private const string Slug = "the-quiet-return-of-the-mid-budget-thriller";
    private const string Article = "/articles/" + Slug;

    [Fact]
    public async Task Readers_with_different_addresses_behind_the_proxy_each_get_their_own_flood_limit()
    {
        using var first = site.ThroughProxy();
        using var second = site.ThroughProxy();

        Assert.Equal(HttpStatusCode.SeeOther, (await PostCommentAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostCommentAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await PostCommentAsync(second)).StatusCode);
    }

    [Fact]
    public async Task A_forged_X_Forwarded_For_sent_through_the_proxy_does_not_evade_the_flood_limit()
    {
        using var reader = site.ThroughProxy();

        Assert.Equal(HttpStatusCode.SeeOther, (await PostCommentAsync(reader)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostCommentAsync(reader, ("X-Forwarded-For", "1.2.3.4"))).StatusCode);
    }

    [Fact]
    public async Task A_client_reaching_the_app_directly_is_limited_by_its_own_address_whatever_X_Forwarded_For_says()
    {
        using var direct = site.Direct();

        Assert.Equal(HttpStatusCode.SeeOther, (await PostCommentAsync(direct, ("X-Forwarded-For", "198.51.100.1"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostCommentAsync(direct, ("X-Forwarded-For", "198.51.100.2"))).StatusCode);
    }

    [Fact]
    public async Task A_client_reaching_the_app_directly_and_claiming_https_gets_neither_Secure_cookies_nor_HSTS()
    {
        using var direct = site.Direct();

        var form = await GetAsync(direct, "/account/login", ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "198.51.100.3"));

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var antiforgery = Assert.Single(SetCookies(form), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.False(IsSecure(antiforgery), antiforgery);
        Assert.False(form.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Pages_through_the_proxy_over_https_carry_Strict_Transport_Security()
    {
        using var reader = site.ThroughProxy();

        var page = await GetAsync(reader, Article);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_form_through_the_proxy_sets_a_Secure_antiforgery_cookie()
    {
        using var editor = site.ThroughProxy();

        var form = await GetAsync(editor, "/account/login");

        var antiforgery = Assert.Single(SetCookies(form), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.True(IsSecure(antiforgery), antiforgery);
    }

    [Fact]
    public async Task Signing_in_through_the_proxy_sets_a_Secure_sign_in_cookie()
    {
        using var editor = site.ThroughProxy();

        var signedIn = await SignInAsync(editor, Site.AdminEmail, Site.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = Assert.Single(SetCookies(signedIn), c => c.StartsWith("mn_auth=", StringComparison.Ordinal));
        Assert.True(IsSecure(auth), auth);
    }

    [Fact]
    public async Task Commenting_through_the_proxy_sets_Secure_commenter_cookies()
    {
        using var reader = site.ThroughProxy();

        var posted = await PostCommentAsync(reader, saveDetails: true);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var cookies = SetCookies(posted);
        Assert.Contains(cookies, c => c.StartsWith("mn_commenter=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("mn_fresh=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.True(IsSecure(c), c));
    }

    [Fact]
    public async Task One_reader_using_up_their_sign_in_attempts_behind_the_proxy_does_not_block_another()
    {
        using var guesser = site.ThroughProxy();
        using var editor = site.ThroughProxy();
        for (var attempt = 1; attempt <= Site.LoginAttemptsPerMinute; attempt++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(guesser, "nobody@movienews.test", $"wrong guess number {attempt}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(guesser, "nobody@movienews.test", "one guess too many")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(editor, "nobody@movienews.test", "an honest typo")).StatusCode);
    }

    [Fact]
    public async Task A_forged_X_Forwarded_Host_through_the_proxy_does_not_change_the_canonical_link()
    {
        using var reader = site.ThroughProxy();

        var page = await GetAsync(reader, Article, ("X-Forwarded-Host", "evil.example"));

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal($"{site.PublicOrigin}{Article}", CanonicalPattern().Match(html).Groups[1].Value);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_sent_from_the_site_own_https_page_through_the_proxy_is_accepted()
    {
        using var reader = site.ThroughProxy();

        var posted = await PostCommentAsync(reader, ("Origin", site.PublicOrigin));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
    }

    [Fact]
    public async Task A_comment_sent_from_another_site_through_the_proxy_is_refused()
    {
        using var reader = site.ThroughProxy();

        var posted = await PostCommentAsync(reader, ("Origin", "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PostCommentAsync(HttpClient client, params (string Name, string Value)[] headers) =>
        PostCommentAsync(client, saveDetails: false, headers);

    private static async Task<HttpResponseMessage> PostCommentAsync(HttpClient client, bool saveDetails, params (string Name, string Value)[] headers)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Name", "Proxy Reader"),
            new("Input.Body", $"Read through the proxy, comment {Guid.NewGuid():N}"),
        };
        if (saveDetails)
        {
            fields.Add(new("Input.SaveDetails", "true"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Article) { Content = new FormUrlEncodedContent(fields) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", TokenPattern().Match(form).Groups[1].Value),
            new("Email", email),
            new("Password", password),
        ]));
    }

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Any(a => a.Equals("secure", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<link rel=\"canonical\" href=\"([^\"]+)\"")]
    private static partial Regex CanonicalPattern();

    /// <summary>
    /// One app process and one nginx for the class. Every reader gets a loopback address no other test uses, so the
    /// per-address limits the tests share the app for never meet. The public name is not "localhost": the HSTS
    /// middleware never sends the header to localhost or loopback names (its ExcludedHosts), as no real site is.
    /// </summary>
    public sealed class Site : IAsyncLifetime
    {
        public const string AdminEmail = "admin@movienews.test";
        public const string AdminPassword = "correct horse battery staple";
        public const int LoginAttemptsPerMinute = 3;
        private const string PublicHost = "movienews.test";
        private readonly string _directory = Directory.CreateTempSubdirectory("movienews-proxy").FullName;
        private AppProcess? _app;
        private NginxProxy? _nginx;
        private int _lastAddress = 9;

        /// <summary>What a browser would have in its address bar (and send as Origin).</summary>
        public string PublicOrigin => $"https://{PublicHost}:{Nginx.Port}";

        private NginxProxy Nginx => _nginx ?? throw new InvalidOperationException("nginx is not running.");

        private AppProcess App => _app ?? throw new InvalidOperationException("The app is not running.");

        public async Task InitializeAsync()
        {
            try
            {
                _app = await AppProcess.StartAsync(_directory, new Dictionary<string, string>
                {
                    ["Admin__Email"] = AdminEmail,
                    ["Admin__Password"] = AdminPassword,
                    ["Moderation__FloodIntervalSeconds"] = "60",
                    ["Accounts__LoginAttemptsPerMinute"] = LoginAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
                });
                _nginx = await NginxProxy.StartAsync(new Uri(_app.BaseUrl).Port);
            }
            catch
            {
                await DisposeAsync();
                throw;
            }
        }

        /// <summary>A reader of its own, over HTTPS through nginx.</summary>
        public HttpClient ThroughProxy() =>
            SourceAddressClient.Create(new Uri(PublicOrigin), NextAddress(), new IPEndPoint(IPAddress.Loopback, Nginx.Port), Nginx.CertificateSha256);

        /// <summary>A client of its own going around nginx, straight to the app's port, from an address that is no known proxy.</summary>
        public HttpClient Direct()
        {
            var app = new Uri(App.BaseUrl);
            return SourceAddressClient.Create(app, NextAddress(), new IPEndPoint(IPAddress.Loopback, app.Port));
        }

        public Task DisposeAsync()
        {
            _nginx?.Dispose();
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

        private IPAddress NextAddress()
        {
            var last = Interlocked.Increment(ref _lastAddress);
            return new IPAddress([127, 0, (byte)(last / 250), (byte)(1 + (last % 250))]);
        }
    }
}
