using Microsoft.Playwright;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Journeys;

[Collection(LiveSiteCollection.Name)]
public sealed class CommenterJourneyTests(LiveSite site)
{
    private static async Task<string> PostAsync(IPage page, string name, string body)
    {
        var form = page.Locator("#respond form");
        if (await form.Locator("#Input_Name").InputValueAsync() != name)
        {
            await form.Locator("#Input_Name").FillAsync(name);
        }

        await form.Locator("#Input_Body").FillAsync(body);
        await form.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await page.WaitForURLAsync("**#comment-*");
        return page.Url[(page.Url.LastIndexOf('#') + 1)..];
    }

    [Theory]
    [InlineData(true, "/articles/the-return-of-the-movie-musical")]
    [InlineData(false, "/articles/behind-the-scenes-of-a-costume-department")]
    public async Task A_commenter_posts_and_replies_three_levels_deep(bool javaScript, string article)
    {
        var page = await site.NewPageAsync(javaScript);
        await LiveSite.JourneyAsync(page, $"commenter-js-{javaScript}", async () =>
        {
            await page.GotoAsync(article);
            var top = await PostAsync(page, "Casey", "What a *great* piece.");
            Assert.Contains("What a great piece.", await page.Locator($"#{top} .comment-body").TextContentAsync(), StringComparison.Ordinal);

            var parent = top;
            for (var level = 2; level <= 3; level++)
            {
                await page.Locator($"#{parent} a.comment-reply").ClickAsync();
                Assert.StartsWith("Reply to", await page.Locator("#respond-title").TextContentAsync(), StringComparison.Ordinal);
                if (javaScript)
                {
                    // The script moved the form right under the comment being answered.
                    Assert.Equal(1, await page.Locator($"#{parent} + #respond").CountAsync());
                }

                parent = await PostAsync(page, "Casey", $"A reply at level {level}.");
            }

            Assert.Equal(1, await page.Locator($"#{top} ~ details > ol > li > article ~ ol > li > article#{parent}").CountAsync());
        });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_commenter_fixes_a_typo_and_the_next_reader_sees_it_marked_edited(bool javaScript)
    {
        var page = await site.NewPageAsync(javaScript);
        await LiveSite.JourneyAsync(page, $"commenter-edit-js-{javaScript}", async () =>
        {
            await page.GotoAsync("/articles/what-makes-a-sequel-worth-making");
            var id = await PostAsync(page, "Robin", $"Teh best practical effect is the {(javaScript ? "dinosaur" : "puppet")}.");

            await page.Locator($"#{id} a.comment-edit").ClickAsync();
            await page.Locator("#edit-comment-form #Body").WaitForAsync();
            var text = await page.InputValueAsync("#Body");
            await page.FillAsync("#Body", text.Replace("Teh", "The", StringComparison.Ordinal));
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await page.WaitForURLAsync($"**#{id}");

            Assert.StartsWith("The best practical effect", (await page.Locator($"#{id} .comment-body").TextContentAsync())!.Trim(), StringComparison.Ordinal);
            var reader = await site.NewPageAsync(javaScript);
            await reader.GotoAsync("/articles/what-makes-a-sequel-worth-making");
            Assert.StartsWith("The best practical effect", (await reader.Locator($"#{id} .comment-body").TextContentAsync())!.Trim(), StringComparison.Ordinal);
            Assert.Equal(1, await reader.Locator($"#{id} .comment-edited").CountAsync());
            Assert.Equal(0, await reader.Locator($"#{id} a.comment-edit").CountAsync());
        });
    }

    [Fact]
    public async Task A_held_comment_shows_its_author_the_pending_notice()
    {
        var page = await site.NewPageAsync();
        await LiveSite.JourneyAsync(page, "commenter-held", async () =>
        {
            await page.GotoAsync("/articles/subtitles-are-not-the-enemy");
            var id = await PostAsync(page, "Linky", "See https://a.example and https://b.example");

            Assert.Contains("Your comment is awaiting moderation", await page.Locator($"#{id}").TextContentAsync(), StringComparison.Ordinal);
            var stranger = await site.NewPageAsync();
            await stranger.GotoAsync("/articles/subtitles-are-not-the-enemy");
            Assert.Equal(0, await stranger.Locator($"#{id}").CountAsync());
        });
    }

    [Fact]
    public async Task A_validation_mistake_keeps_everything_typed()
    {
        var page = await site.NewPageAsync();
        await LiveSite.JourneyAsync(page, "commenter-mistake", async () =>
        {
            await page.GotoAsync("/articles/in-praise-of-the-ninety-minute-movie");
            await page.FillAsync("#Input_Name", "Morgan");
            await page.FillAsync("#Input_Email", "morgan@example.com");
            await page.FillAsync("#Input_Website", "javascript:alert(1)");
            await page.FillAsync("#Input_Body", "A long thought\nover two lines.");
            var response = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync(),
                r => r.Request.Method == "POST");

            Assert.Equal(400, response.Status);
            Assert.Equal("Morgan", await page.InputValueAsync("#Input_Name"));
            Assert.Equal("morgan@example.com", await page.InputValueAsync("#Input_Email"));
            Assert.Equal("javascript:alert(1)", await page.InputValueAsync("#Input_Website"));
            Assert.Equal("A long thought\nover two lines.", await page.InputValueAsync("#Input_Body"));
            Assert.Contains("web address", await page.Locator("#Input_Website-error").TextContentAsync(), StringComparison.Ordinal);
        });
    }
}
