using System.Net;
using MovieNews.IntegrationTests.Support;

namespace MovieNews.IntegrationTests.Pages;

/// <summary>The reader's theme: kept in a cookie, written into the page, and never handed to another reader from a cache.</summary>
public sealed class ThemeChoiceTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Article = "/articles/will-there-be-a-purple-hearts-2";

    [Fact]
    public async Task Choosing_dark_sets_a_cookie_returns_to_the_page_and_marks_the_page_dark()
    {
        var reader = factory.CreateBrowserClient("198.18.20.1");

        var chosen = await reader.SubmitAsync("/tags", "form.theme-form", null, "button[value=dark]");
        var page = await reader.GetOkPageAsync(Article);

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/tags", chosen.Headers.Location!.OriginalString);
        Assert.Contains(chosen.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mn_theme=dark", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("dark", page.DocumentElement.GetAttribute("data-theme"));
        Assert.Equal("true", page.QuerySelector(".theme-form button[value=dark]")!.GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task A_dark_readers_cached_page_is_never_served_to_another_reader()
    {
        var dark = factory.CreateBrowserClient("198.18.20.2");
        await dark.SubmitAsync("/", "form.theme-form", null, "button[value=dark]");
        await dark.GetOkPageAsync("/tags/movies");
        await dark.GetOkPageAsync("/tags/movies");

        var plain = await factory.CreateBrowserClient("198.18.20.3").GetOkPageAsync("/tags/movies");

        Assert.False(plain.DocumentElement.HasAttribute("data-theme"));
        Assert.Equal("true", plain.QuerySelector(".theme-form button[value=auto]")!.GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task A_browser_revalidating_its_copy_after_changing_theme_gets_the_page_again_not_a_304()
    {
        var reader = factory.CreateBrowserClient("198.18.20.8");
        var first = await reader.GetAsync(Article);
        var etag = first.Headers.ETag!.ToString();
        await reader.SubmitAsync("/", "form.theme-form", null, "button[value=dark]");

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, Article);
        revalidate.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var again = await reader.SendAsync(revalidate);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotEqual(etag, again.Headers.ETag!.ToString());
        Assert.Contains("data-theme=\"dark\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Automatic_clears_the_choice()
    {
        var reader = factory.CreateBrowserClient("198.18.20.4");
        await reader.SubmitAsync("/", "form.theme-form", null, "button[value=light]");

        await reader.SubmitAsync("/", "form.theme-form", null, "button[value=auto]");
        var page = await reader.GetOkPageAsync("/");

        Assert.False(page.DocumentElement.HasAttribute("data-theme"), page.DocumentElement.OuterHtml[..200]);
    }

    [Theory]
    [InlineData("purple", "/")]
    [InlineData("", "/")]
    public async Task An_unknown_theme_is_a_400_with_a_message(string theme, string back)
    {
        var page = await factory.CreateBrowserClient("198.18.20.5").GetOkPageAsync("/");

        var response = await factory.CreateBrowserClient("198.18.20.5").SubmitAsync(page, "form.theme-form", new Dictionary<string, string?> { ["theme"] = theme, ["return"] = back });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("auto, light or dark", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/\u00e9t\u00e9")]
    [InlineData("/\u2028/evil.example")]
    [InlineData("/\uff0f/evil.example")]
    public async Task The_way_back_is_only_ever_a_path_on_this_site(string back)
    {
        var page = await factory.CreateBrowserClient("198.18.20.6").GetOkPageAsync("/");

        var response = await factory.CreateBrowserClient("198.18.20.6").SubmitAsync(page, "form.theme-form", new Dictionary<string, string?> { ["theme"] = "dark", ["return"] = back });

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_cross_site_post_cannot_change_the_theme()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/theme") { Content = new FormUrlEncodedContent([new("theme", "dark"), new("return", "/")]) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Origin", "https://evil.example");

        var response = await factory.CreateBrowserClient("198.18.20.7").SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
