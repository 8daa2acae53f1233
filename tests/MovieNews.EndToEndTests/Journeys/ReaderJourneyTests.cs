using Microsoft.Playwright;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Journeys;

[Collection(LiveSiteCollection.Name)]
public sealed class ReaderJourneyTests(LiveSite site)
{
    [Fact]
    public async Task A_reader_pages_through_the_home_page_reads_the_threaded_comments_and_follows_a_permalink()
    {
        var page = await site.NewPageAsync();
        await LiveSite.JourneyAsync(page, "reader", async () =>
        {
            await page.GotoAsync("/");
            Assert.Equal(10, await page.Locator(".article-summary").CountAsync());

            await page.GetByRole(AriaRole.Link, new() { Name = "2", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/?page=2");
            Assert.Equal("2", await page.Locator(".pagination [aria-current=page]").TextContentAsync());

            await page.GetByRole(AriaRole.Link, new() { Name = "← Newer" }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url) is { AbsolutePath: "/", Query: "" });
            // Articles other journeys publish push the seed article down the home page: it is on page 1 or 2.
            var link = page.GetByRole(AriaRole.Link, new() { Name = "Will there be a Purple Hearts 2? Here’s what we know about a sequel:" });
            if (await link.CountAsync() == 0)
            {
                await page.GotoAsync("/?page=2");
            }

            await link.ClickAsync();
            await page.WaitForURLAsync("**/articles/will-there-be-a-purple-hearts-2");
            Assert.StartsWith("59 thoughts on", await page.Locator("#comments-title").TextContentAsync(), StringComparison.Ordinal);

            var deep = page.Locator("#comments > ol > li > details > ol > li > ol > li > article.comment").First;
            Assert.True(await deep.IsVisibleAsync());
            var id = await deep.GetAttributeAsync("id");

            await deep.Locator("a.comment-permalink").ClickAsync();
            Assert.EndsWith($"#{id}", page.Url, StringComparison.Ordinal);

            await page.GotoAsync($"/articles/will-there-be-a-purple-hearts-2/comments/{id!["comment-".Length..]}");
            Assert.EndsWith($"#{id}", page.Url, StringComparison.Ordinal);
            Assert.True(await page.Locator($"#{id}").IsVisibleAsync());
        });
    }
}
