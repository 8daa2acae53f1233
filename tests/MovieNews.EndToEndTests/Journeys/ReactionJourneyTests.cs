using Microsoft.Playwright;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Journeys;

[Collection(LiveSiteCollection.Name)]
public sealed class ReactionJourneyTests(LiveSite site)
{
    [Theory]
    [InlineData(false, "/articles/behind-the-scenes-of-a-costume-department")]
    [InlineData(true, "/articles/why-we-still-rewatch-romantic-comedies")]
    public async Task A_reader_likes_a_comment_and_reads_the_newest_first(bool javaScript, string article)
    {
        var page = await site.NewPageAsync(javaScript);
        await LiveSite.JourneyAsync(page, $"reader-likes-and-sorts-js-{javaScript}", async () =>
        {
            await page.GotoAsync(article);
            var form = page.Locator("#respond form");
            await form.Locator("#Input_Name").FillAsync("Robin");
            await form.Locator("#Input_Body").FillAsync($"The hats alone deserve an award ({javaScript}).");
            await form.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
            await page.WaitForURLAsync("**#comment-*");
            var id = page.Url[(page.Url.LastIndexOf('#') + 1)..];

            await page.Locator($"#{id} button[form='comments.like']").ClickAsync();
            await page.WaitForURLAsync($"**{article}#{id}");

            // The like is stored at once; its count reaches the page with the next batch (one second here).
            var count = page.Locator($"#{id} .like-count");
            for (var attempt = 0; attempt < 20 && await count.CountAsync() == 0; attempt++)
            {
                await Task.Delay(500);
                await page.ReloadAsync();
            }

            Assert.Equal("1 like", await count.TextContentAsync());

            await page.Locator(".comment-sort").GetByRole(AriaRole.Link, new() { Name = "Newest" }).ClickAsync();
            await page.WaitForURLAsync($"**{article}?sort=newest#comments");
            Assert.Equal(id, await page.Locator("#comments > ol.comment-list > li > article").First.GetAttributeAsync("id"));
            Assert.Equal("Newest", await page.Locator(".comment-sort a[aria-current=page]").TextContentAsync());
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_reader_reports_another_readers_comment_and_is_thanked(bool javaScript)
    {
        const string Article = "/articles/streaming-release-windows-explained";
        var author = await site.NewPageAsync(javaScript);
        await author.GotoAsync(Article);
        await author.Locator("#respond #Input_Name").FillAsync("Sam");
        await author.Locator("#respond #Input_Body").FillAsync($"Soundtracks are overrated, fight me ({javaScript}).");
        await author.Locator("#respond form").GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await author.WaitForURLAsync("**#comment-*");
        var id = author.Url[(author.Url.LastIndexOf('#') + 1)..];

        var reader = await site.NewPageAsync(javaScript);
        await LiveSite.JourneyAsync(reader, $"reader-reports-js-{javaScript}", async () =>
        {
            await reader.GotoAsync(Article);
            await reader.Locator($"#{id} a.comment-report").ClickAsync();
            await reader.Locator("input[name=Reason]").First.WaitForAsync();
            await reader.Locator("input[name=Reason]").First.CheckAsync();
            await reader.FillAsync("#Note", "Just testing the report form.");
            await reader.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();

            await reader.Locator(".report-sent").WaitForAsync();
            Assert.Contains("your report was sent", await reader.Locator(".report-sent").TextContentAsync(), StringComparison.Ordinal);
        });
    }
}
