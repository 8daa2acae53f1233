using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Journeys;

/// <summary>What a reader sees in Chromium: pagination that says which way is newer, clean excerpts, a bare domain
/// accepted as a website, and a cross-site form refused.</summary>
[Collection(LiveSiteCollection.Name)]
public sealed class BrowserFindingsTests(LiveSite site)
{
    private const string ReferenceArticle = "/articles/will-there-be-a-purple-hearts-2";

    [Fact]
    public async Task Comment_pages_say_that_the_next_page_holds_newer_comments()
    {
        var page = await site.NewPageAsync();
        await LiveSite.JourneyAsync(page, "pagination-labels", async () =>
        {
            await page.GotoAsync(ReferenceArticle);
            var next = page.Locator("#comments nav.pagination a[rel=next]");
            Assert.Equal("Newer comments →", await next.TextContentAsync());

            await next.ClickAsync();
            await page.WaitForURLAsync("**cpage=2**");

            Assert.Equal("← Older comments", await page.Locator("#comments nav.pagination a[rel=prev]").TextContentAsync());
        });
    }

    [Fact]
    public async Task Article_lists_still_say_that_the_next_page_holds_older_articles()
    {
        var page = await site.NewPageAsync();
        await LiveSite.JourneyAsync(page, "list-pagination-labels", async () =>
        {
            await page.GotoAsync("/");

            Assert.Equal("Older →", await page.Locator("nav.pagination a[rel=next]").TextContentAsync());
        });
    }

    [Fact]
    public async Task The_home_page_excerpt_of_an_article_with_a_table_reads_as_sentences()
    {
        var page = await site.NewPageAsync();
        await LiveSite.JourneyAsync(page, "excerpts", async () =>
        {
            await page.GotoAsync("/tags/guides");
            var card = page.Locator("article", new() { Has = page.Locator("a[href='/articles/streaming-release-windows-explained']") }).First;
            var excerpt = await card.TextContentAsync();

            Assert.Contains("Why does one film arrive", excerpt, StringComparison.Ordinal);
            Assert.DoesNotContain("Theatrical Cinemas only", excerpt, StringComparison.Ordinal);
            Assert.DoesNotContain("Window Where you can watch", excerpt, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_website_typed_without_https_is_accepted_by_the_browser_and_the_site(bool javaScript)
    {
        var page = await site.NewPageAsync(javaScript);
        await LiveSite.JourneyAsync(page, $"bare-website-js-{javaScript}", async () =>
        {
            await page.GotoAsync("/articles/how-to-start-a-film-club");
            await page.FillAsync("#Input_Name", "Dana");
            await page.FillAsync("#Input_Website", "dana.example.org");
            await page.FillAsync("#Input_Body", $"Our club meets on Tuesdays ({javaScript}).");
            await page.ClickAsync("#respond button[type=submit]");
            await page.WaitForURLAsync("**#comment-*");

            var id = page.Url[(page.Url.LastIndexOf('#') + 1)..];
            Assert.Equal("https://dana.example.org/", await page.Locator($"#{id} .comment-author a").GetAttributeAsync("href"));
        });
    }

    [Fact]
    public async Task A_form_on_another_site_that_posts_here_is_refused()
    {
        var page = await site.NewPageAsync();
        await LiveSite.JourneyAsync(page, "cross-site-form", async () =>
        {
            // A page of another origin (a data: URL is an opaque origin) that posts the comment form here.
            var html = $"<form method=post action='{site.BaseUrl}/articles/a-beginners-guide-to-film-festivals'>"
                + "<input name='Input.Name' value='Mallory'><input name='Input.Body' value='Forged'><button>Go</button></form>";
            await page.GotoAsync("data:text/html," + Uri.EscapeDataString(html));
            var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button"), r => r.Request.Method == "POST");

            Assert.Equal(403, response.Status);
            Assert.Contains("sent from another website", await page.TextContentAsync("main"), StringComparison.Ordinal);
        });
    }
}
