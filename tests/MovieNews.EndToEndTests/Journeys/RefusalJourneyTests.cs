using Microsoft.Playwright;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Journeys;

/// <summary>
/// A refused comment followed to its end in Chromium, with and without JavaScript: the form comes back with the
/// words kept and focus on what went wrong; corrected (or after waiting as told) and sent again, it is shown once
/// and marked as the comment just posted. The site's flood interval is 3 s, waited out for real.
/// </summary>
[Collection(StrictLiveSiteCollection.Name)]
public sealed class RefusalJourneyTests(StrictLiveSite site)
{
    private static Task WaitOutFloodIntervalAsync() => Task.Delay(TimeSpan.FromSeconds(StrictLiveSite.FloodSeconds + 1));

    private static async Task<IResponse> SendAsync(IPage page) =>
        await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync(),
            r => r.Request.Method == "POST");

    private static async Task FillAsync(IPage page, string name, string body, string website = "")
    {
        await page.FillAsync("#Input_Name", name);
        await page.FillAsync("#Input_Website", website);
        await page.FillAsync("#Input_Body", body);
    }

    /// <summary>The refused form's error summary takes focus once the page has loaded (the fragment, or the script).</summary>
    private static async Task<string?> FocusedIdAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        try
        {
            await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'form-message'", null, new() { Timeout = 5000 });
        }
        catch (TimeoutException)
        {
            // Reported by the caller's assertion, with what did have focus.
        }

        return await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.id");
    }

    /// <summary>After a successful post: the address names the new comment, which is the page's :target, shown once.</summary>
    private static async Task AssertMarkedAndShownOnceAsync(IPage page, string body)
    {
        await page.WaitForURLAsync("**#comment-*");
        var id = page.Url[(page.Url.LastIndexOf('#') + 1)..];
        Assert.Equal(id, await page.EvaluateAsync<string?>("() => document.querySelector(':target') && document.querySelector(':target').id"));
        Assert.Equal(1, await page.Locator(".comment-body", new() { HasTextString = body }).CountAsync());
        Assert.Contains(body, await page.Locator($"#{id} .comment-body").TextContentAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "/articles/the-art-of-the-movie-trailer")]
    [InlineData(false, "/articles/five-tips-for-a-better-home-cinema-night")]
    public async Task A_refused_comment_is_corrected_sent_again_and_shown_once(bool javaScript, string article)
    {
        await WaitOutFloodIntervalAsync();
        var page = await site.NewPageAsync(javaScript);
        await LiveSite.JourneyAsync(page, $"refused-400-js-{javaScript}", async () =>
        {
            await page.GotoAsync(article);
            await FillAsync(page, "Robin", $"Trailers give too much away ({javaScript}).", website: "javascript:alert(1)");

            var refused = await SendAsync(page);

            Assert.Equal(400, refused.Status);
            Assert.Equal("form-message", await FocusedIdAsync(page));
            Assert.Equal($"Trailers give too much away ({javaScript}).", await page.InputValueAsync("#Input_Body"));
            Assert.Equal("true", await page.GetAttributeAsync("#Input_Website", "aria-invalid"));

            await page.FillAsync("#Input_Website", "robin.example.com");
            var sent = await SendAsync(page);

            Assert.Equal(303, sent.Status);
            await AssertMarkedAndShownOnceAsync(page, $"Trailers give too much away ({javaScript}).");
            Assert.Equal("https://robin.example.com/", await page.Locator($"#{page.Url[(page.Url.LastIndexOf('#') + 1)..]} .comment-author a").GetAttributeAsync("href"));
        });
    }

    [Theory]
    [InlineData(true, "/articles/the-return-of-the-movie-musical")]
    [InlineData(false, "/articles/why-soundtracks-make-or-break-a-romance")]
    public async Task Too_quick_the_commenter_waits_as_told_and_the_same_form_then_succeeds(bool javaScript, string article)
    {
        await WaitOutFloodIntervalAsync();
        var page = await site.NewPageAsync(javaScript);
        await LiveSite.JourneyAsync(page, $"refused-429-js-{javaScript}", async () =>
        {
            await page.GotoAsync(article);
            await FillAsync(page, "Quinn", $"First thought ({javaScript}).");
            Assert.Equal(303, (await SendAsync(page)).Status);
            await page.WaitForURLAsync("**#comment-*");

            await FillAsync(page, "Quinn", $"Second thought, right away ({javaScript}).");
            var refused = await SendAsync(page);

            Assert.Equal(429, refused.Status);
            Assert.Equal("form-message", await FocusedIdAsync(page));
            var wait = int.Parse((await refused.HeaderValueAsync("retry-after"))!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"wait {wait} second", await page.Locator("#form-message").TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal($"Second thought, right away ({javaScript}).", await page.InputValueAsync("#Input_Body"));

            await Task.Delay(TimeSpan.FromSeconds(wait));
            var sent = await SendAsync(page);

            Assert.Equal(303, sent.Status);
            await AssertMarkedAndShownOnceAsync(page, $"Second thought, right away ({javaScript}).");
        });
    }

    [Theory]
    [InlineData(true, "/articles/subtitles-are-not-the-enemy")]
    [InlineData(false, "/articles/in-praise-of-the-ninety-minute-movie")]
    public async Task A_duplicate_is_refused_and_changed_words_are_then_accepted(bool javaScript, string article)
    {
        await WaitOutFloodIntervalAsync();
        var page = await site.NewPageAsync(javaScript);
        await LiveSite.JourneyAsync(page, $"refused-409-js-{javaScript}", async () =>
        {
            await page.GotoAsync(article);
            await FillAsync(page, "Sam", $"Same words ({javaScript}).");
            Assert.Equal(303, (await SendAsync(page)).Status);
            await page.WaitForURLAsync("**#comment-*");
            await WaitOutFloodIntervalAsync();

            await FillAsync(page, "Sam", $"SAME  words ({javaScript}).");
            var refused = await SendAsync(page);

            Assert.Equal(409, refused.Status);
            Assert.Equal("form-message", await FocusedIdAsync(page));

            await page.FillAsync("#Input_Body", $"Different words now ({javaScript}).");
            var sent = await SendAsync(page);

            Assert.Equal(303, sent.Status);
            await AssertMarkedAndShownOnceAsync(page, $"Different words now ({javaScript}).");
            Assert.Equal(1, await page.Locator(".comment-body", new() { HasTextString = $"ame words ({javaScript})" }).CountAsync());
        });
    }
}
