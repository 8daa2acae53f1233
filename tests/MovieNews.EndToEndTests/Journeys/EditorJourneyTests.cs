using System.Globalization;
using Microsoft.Playwright;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Journeys;

[Collection(LiveSiteCollection.Name)]
public sealed class EditorJourneyTests(LiveSite site)
{
    [Fact]
    public async Task An_editor_writes_with_live_preview_publishes_schedules_and_moderates()
    {
        var reader = await site.NewPageAsync();
        await reader.GotoAsync("/articles/the-art-of-the-movie-trailer");
        await reader.FillAsync("#Input_Name", "Held Reader");
        await reader.FillAsync("#Input_Body", "Two links: https://a.example https://b.example");
        await reader.ClickAsync("#respond button[type=submit]");
        await reader.WaitForURLAsync("**#comment-*");
        var heldId = reader.Url[(reader.Url.LastIndexOf('#') + 1)..];

        var page = await site.SignedInAdminPageAsync();
        await LiveSite.JourneyAsync(page, "editor", async () =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "New article" }).ClickAsync();
            // The slug suggestion listens from a deferred script: type only once the new page has run it.
            await page.Locator("#live-preview").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            await page.FillAsync("#Input_Title", "Live Preview Premiere");
            Assert.Equal("live-preview-premiere", await page.InputValueAsync("#Input_Slug"));
            await page.FillAsync("#Input_Tags", "movies, premieres");
            await page.Locator("#Input_Body").PressSequentiallyAsync("## A heading\n\nSome **bold** text.");
            await page.Locator("#live-preview h2").WaitForAsync();
            Assert.Equal("bold", await page.Locator("#live-preview strong").TextContentAsync());
            await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/admin/articles/edit/*");

            var home = await site.NewPageAsync();
            await home.GotoAsync("/");
            Assert.Equal("Live Preview Premiere", (await home.Locator(".article-summary h2").First.TextContentAsync())!.Trim());

            await page.GotoAsync("/admin/articles/edit");
            await page.FillAsync("#Input_Title", "Coming Next Week");
            await page.FillAsync("#Input_Body", "Soon.");
            await page.FillAsync("#Input_PublishAt", DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/admin/articles/edit/*");
            var scheduled = await home.GotoAsync("/articles/coming-next-week");
            Assert.Equal(404, scheduled!.Status);

            await page.GotoAsync("/admin/comments?status=pending");
            await page.Locator($"#queue-{heldId[("comment-".Length)..]} button", new() { HasText = "Approve" }).First.ClickAsync();
            await page.WaitForURLAsync("**/admin/comments?status=pending");
            await home.GotoAsync("/articles/the-art-of-the-movie-trailer");
            Assert.Contains("Two links", await home.Locator($"#{heldId}").TextContentAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain("awaiting moderation", await home.Locator($"#{heldId}").TextContentAsync(), StringComparison.Ordinal);
        });
    }
}
