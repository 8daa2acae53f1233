using Microsoft.Playwright;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Journeys;

/// <summary>A contributor writes and submits; an editor returns it with a note, reads the resubmission side by side, and publishes.</summary>
[Collection(LiveSiteCollection.Name)]
public sealed class ReviewJourneyTests(LiveSite site)
{
    private const string ContributorEmail = "jo.contributor@movienews.test";
    private const string ContributorPassword = "contributor journey password";

    [Fact]
    public async Task A_contributor_submits_an_editor_reviews_the_diff_and_publishes()
    {
        var editor = await site.SignedInAdminPageAsync();
        var writer = await NewPageAsync();
        await LiveSite.JourneyAsync(editor, "review-editor", async () =>
        {
            await editor.GotoAsync("/admin/users");
            await editor.FillAsync("#Email", ContributorEmail);
            await editor.FillAsync("#DisplayName", "Jo Contributor");
            await editor.SelectOptionAsync("#Role", "Contributor");
            await editor.FillAsync("#Password", ContributorPassword);
            await editor.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
            await editor.Locator("td[data-label=Email]", new() { HasText = ContributorEmail }).WaitForAsync();

            await writer.GotoAsync("/account/login");
            await writer.FillAsync("#Email", ContributorEmail);
            await writer.FillAsync("#Password", ContributorPassword);
            await writer.ClickAsync("main button[type=submit]");
            await writer.WaitForURLAsync("**/admin");
            Assert.Equal(0, await writer.Locator(".admin-nav a", new() { HasText = "Comments" }).CountAsync());
            Assert.Empty(await Axe.SeriousViolationsAsync(writer));

            await writer.GetByRole(AriaRole.Link, new() { Name = "Write a new article" }).ClickAsync();
            await writer.Locator("#live-preview").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await writer.FillAsync("#Input_Title", "Purple Hearts 2 casting news");
            await writer.FillAsync("#Input_Body", "The studio has news.\nThe cast returns in spring.\nMore when we know it.");
            await writer.FillAsync("#Input_ReviewNote", "First draft, sources in the doc.");
            Assert.Equal(0, await writer.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).CountAsync());
            Assert.Empty(await Axe.SeriousViolationsAsync(writer));
            await writer.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
            await writer.WaitForURLAsync("**/admin/articles/edit/*");
            Assert.Contains("Waiting for review", await writer.Locator(".review-banner h2").TextContentAsync(), StringComparison.Ordinal);
            var reader = await site.NewPageAsync();
            Assert.Equal(404, (await reader.GotoAsync("/articles/purple-hearts-2-casting-news"))!.Status);

            await editor.GotoAsync("/admin/review");
            await editor.GetByRole(AriaRole.Link, new() { Name = "Purple Hearts 2 casting news" }).ClickAsync();
            await editor.FillAsync("#Note", "Name the cast members who return.");
            await editor.GetByRole(AriaRole.Button, new() { Name = "Return to the writer" }).ClickAsync();
            await editor.WaitForURLAsync("**/admin/review");

            await writer.ReloadAsync();
            Assert.Equal("Name the cast members who return.", (await writer.Locator(".review-note-text").First.TextContentAsync())!.Trim());
            await writer.FillAsync("#Input_Body", "The studio has news.\nSofia Carson and Nicholas Galitzine return in spring.\nMore when we know it.");
            await writer.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
            await writer.WaitForURLAsync("**/admin/articles/edit/*");

            await editor.GotoAsync("/admin/review");
            await editor.GetByRole(AriaRole.Link, new() { Name = "Purple Hearts 2 casting news" }).ClickAsync();
            var diff = editor.Locator("table.diff").Last;
            Assert.Equal("The cast returns", await diff.Locator("del").TextContentAsync());
            Assert.Equal("Sofia Carson and Nicholas Galitzine return", await diff.Locator("ins").TextContentAsync());
            Assert.True(await diff.Locator("del").IsVisibleAsync() && await diff.Locator("ins").IsVisibleAsync());
            Assert.Equal("line-through", await diff.Locator("del").EvaluateAsync<string>("e => getComputedStyle(e).textDecorationLine"));
            await editor.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
            await editor.WaitForURLAsync("**/admin/review");

            var published = await reader.GotoAsync("/articles/purple-hearts-2-casting-news");
            Assert.Equal(200, published!.Status);
            Assert.Contains("Sofia Carson and Nicholas Galitzine return in spring.", await reader.Locator(".article-body").TextContentAsync(), StringComparison.Ordinal);
            Assert.Contains("Jo Contributor", await reader.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        });
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl, BypassCSP = true });
        return await context.NewPageAsync();
    }
}
