using Microsoft.Playwright;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Journeys;

[Collection(LiveSiteCollection.Name)]
public sealed class ReactionJourneyTests(LiveSite site)
{
    [Fact]
    public async Task A_reader_without_javascript_likes_a_comment_and_reads_the_newest_first()
    {
        var page = await site.NewPageAsync(javaScript: false);
        await LiveSite.JourneyAsync(page, "reader-likes-and-sorts", async () =>
        {
            await page.GotoAsync("/articles/behind-the-scenes-of-a-costume-department");
            var form = page.Locator("#respond form");
            await form.Locator("#Input_Name").FillAsync("Robin");
            await form.Locator("#Input_Body").FillAsync("The hats alone deserve an award.");
            await form.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
            await page.WaitForURLAsync("**#comment-*");
            var id = page.Url[(page.Url.LastIndexOf('#') + 1)..];

            await page.Locator($"#{id} form.comment-like button").ClickAsync();
            await page.WaitForURLAsync($"**/articles/behind-the-scenes-of-a-costume-department#{id}");

            // The like is stored at once; its count reaches the page with the next batch (one second here).
            var count = page.Locator($"#{id} .like-count");
            for (var attempt = 0; attempt < 20 && await count.CountAsync() == 0; attempt++)
            {
                await Task.Delay(500);
                await page.ReloadAsync();
            }

            Assert.Equal("1 like", await count.TextContentAsync());

            await page.Locator(".comment-sort").GetByRole(AriaRole.Link, new() { Name = "Newest" }).ClickAsync();
            await page.WaitForURLAsync("**/articles/behind-the-scenes-of-a-costume-department?sort=newest#comments");
            Assert.Equal(id, await page.Locator("#comments > ol.comment-list > li > article").First.GetAttributeAsync("id"));
            Assert.Equal("Newest", await page.Locator(".comment-sort a[aria-current=page]").TextContentAsync());
        });
    }
}
