using System.Net;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.IntegrationTests.Admin;

public sealed class SignInTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    public static TheoryData<string> AdminPages() =>
    [
        "/admin", "/admin/articles", "/admin/articles/edit", "/admin/articles/edit/1", "/admin/articles/1/revisions/1",
        "/admin/comments", "/admin/comments?status=spam", "/admin/comments/1", "/admin/settings", "/admin/audit", "/admin/users", "/admin/privacy",
    ];

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page(string url)
    {
        var response = await factory.CreateBrowserClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?ReturnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_posts_to_admin_pages_change_nothing()
    {
        var response = await factory.CreateBrowserClient().PostAsync("/admin/comments", new FormUrlEncodedContent([new("act", "Approve:1")]));

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task A_signed_in_user_without_a_role_gets_403(string url)
    {
        var email = $"norole{Math.Abs(url.GetHashCode(StringComparison.Ordinal))}@movienews.test";
        await factory.CreateUserAsync(email, "a long enough password", role: null);
        var client = factory.CreateBrowserClient();
        await client.SignInAsync(email, "a long enough password");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task An_editor_can_use_the_admin_area_but_not_manage_users()
    {
        await factory.CreateUserAsync("editor@movienews.test", "editor password 123", Roles.Editor);
        var client = factory.CreateBrowserClient();
        await client.SignInAsync("editor@movienews.test", "editor password 123");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/comments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message()
    {
        var response = await factory.CreateBrowserClient("198.51.100.77").SignInAsync(MovieNewsFactory.AdminEmail, "wrong password!");
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("do not match", page.QuerySelector(".form-message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(MovieNewsFactory.AdminEmail, page.QuerySelector("#Email")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        await factory.CreateUserAsync("lockme@movienews.test", "the right password", Roles.Editor);
        var client = factory.CreateBrowserClient("198.51.100.78");
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("lockme@movienews.test", "the wrong password");
        }

        var response = await client.SignInAsync("lockme@movienews.test", "the right password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(StaffSignIn.RefusedMessage, (await HtmlClient.ParseAsync(response)).QuerySelector(".form-message")!.TextContent);
    }

    [Fact]
    public async Task Failures_from_one_address_do_not_lock_the_account_for_another()
    {
        await factory.CreateUserAsync("targeted@movienews.test", "the right password", Roles.Editor);
        var stranger = factory.CreateBrowserClient("203.0.113.77");
        for (var i = 0; i < 6; i++)
        {
            await stranger.SignInAsync("targeted@movienews.test", "a guess");
        }

        var owner = await factory.CreateBrowserClient("198.51.100.77").SignInAsync("targeted@movienews.test", "the right password");

        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await stranger.SignInAsync("targeted@movienews.test", "the right password")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_makes_the_old_cookie_worthless()
    {
        // A client that keeps no cookies of its own, so the test holds the session cookie and can replay it.
        var raw = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var loginPage = await raw.GetAsync("/account/login");
        var antiforgeryCookie = CookiesFrom(loginPage);
        var token = TokenIn(await HtmlClient.ParseAsync(loginPage));
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent([new("Email", MovieNewsFactory.AdminEmail), new("Password", MovieNewsFactory.AdminPassword), new("__RequestVerificationToken", token)]),
        };
        signIn.Headers.Add("Cookie", antiforgeryCookie);
        var session = CookiesFrom(await raw.SendAsync(signIn));
        var cookies = $"{antiforgeryCookie}; {session}";

        var before = await GetWithCookiesAsync(raw, "/admin", cookies);
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", TokenIn(await HtmlClient.ParseAsync(before)))]),
        };
        signOut.Headers.Add("Cookie", cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await raw.SendAsync(signOut)).StatusCode);
        var replayed = await GetWithCookiesAsync(raw, "/admin", cookies);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/account/login", replayed.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetWithCookiesAsync(HttpClient client, string url, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }

    private static string CookiesFrom(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    private static string TokenIn(AngleSharp.Dom.IDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    [Fact]
    public async Task Sign_in_cookie_is_http_only_and_same_site()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var loginPage = await client.GetAsync("/account/login");
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent([new("Email", MovieNewsFactory.AdminEmail), new("Password", MovieNewsFactory.AdminPassword), new("__RequestVerificationToken", TokenIn(await HtmlClient.ParseAsync(loginPage)))]),
        };
        signIn.Headers.Add("Cookie", CookiesFrom(loginPage));
        var response = await client.SendAsync(signIn);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mn_auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
