using Microsoft.Playwright;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Journeys;

/// <summary>The site in German, as a reader meets it in Chromium: its words, dates and messages, refused and then posted.</summary>
[Collection(GermanLiveSiteCollection.Name)]
public sealed class SecondLanguageTests(GermanLiveSite site)
{
    [Fact]
    public async Task A_reader_reads_and_comments_in_german()
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl, BypassCSP = true, Locale = "de-DE" });
        var page = await context.NewPageAsync();
        await LiveSite.JourneyAsync(page, "second-language", async () =>
        {
            await page.GotoAsync("/");
            Assert.Equal("de", await page.GetAttributeAsync("html", "lang"));
            Assert.Equal("Neueste Artikel", await page.Locator("h1").TextContentAsync());
            Assert.Empty(await Axe.SeriousViolationsAsync(page));

            await page.Locator(".article-summary h2 a").First.ClickAsync();
            await page.WaitForURLAsync("**/articles/*");
            Assert.Matches(@"^\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) \d{4}$",
                (await page.Locator(".article .meta time").TextContentAsync())!.Trim());
            Assert.Equal("Einen Kommentar schreiben", await page.Locator("#respond-title").TextContentAsync());
            Assert.Empty(await Axe.SeriousViolationsAsync(page));

            // Refused in German (the browser's own check is bypassed to reach the server's), then corrected and posted.
            await page.EvalOnSelectorAsync("form.comment-form", "f => f.noValidate = true");
            await page.FillAsync("#Input_Body", "Ich freue mich auf die Fortsetzung.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Kommentar senden" }).ClickAsync();
            await page.Locator("#form-message").WaitForAsync();
            Assert.Contains("Bitte geben Sie Ihren Namen ein.", await page.Locator("#form-message").TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal("Ich freue mich auf die Fortsetzung.", await page.InputValueAsync("#Input_Body"));

            await page.FillAsync("#Input_Name", "Lena $& Co"); // "$&" is a pattern to String.replace: it must stay text
            await page.GetByRole(AriaRole.Button, new() { Name = "Kommentar senden" }).ClickAsync();
            await page.WaitForURLAsync("**#comment-*");
            var posted = page.Locator(page.Url[page.Url.LastIndexOf('#')..]);
            Assert.Contains("Ich freue mich auf die Fortsetzung.", await posted.TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal("Antworten", (await posted.Locator(".comment-reply").TextContentAsync())!.Replace("auf Lena $& Co", "", StringComparison.Ordinal).Trim());

            // The script that moves the form under a comment speaks German too.
            await posted.Locator(".comment-reply").ClickAsync();
            Assert.Equal("Antwort an Lena $& Co", await page.Locator("#respond-title").TextContentAsync());
            await page.GetByRole(AriaRole.Link, new() { Name = "Antwort abbrechen" }).ClickAsync();
            Assert.Equal("Einen Kommentar schreiben", await page.Locator("#respond-title").TextContentAsync());
        });
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task The_admin_area_in_german_fits_a_phone_and_passes_axe(ColorScheme scheme)
    {
        // German words are longer than English ones: every admin page is checked again at 390 px.
        var page = await PhoneLayout.SignedInAdminAsync(site, scheme, new ViewportSize { Width = 390, Height = 844 });
        var failures = new List<string>();

        foreach (var url in Quality.ReadingComfortTests.AdminPages.Append("/admin/review").Append("/admin/media/upload").Append("/admin/bans/new"))
        {
            await page.GotoAsync(url);
            Assert.Equal("de", await page.GetAttributeAsync("html", "lang"));
            if (await PhoneLayout.SidewaysOverflowAsync(page) is { } overflow)
            {
                failures.Add($"{url}: {overflow}");
            }

            failures.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{url} {v}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
