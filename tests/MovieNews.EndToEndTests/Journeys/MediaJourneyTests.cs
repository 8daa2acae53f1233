using Microsoft.Playwright;
using MovieNews.EndToEndTests.Support;
using MovieNews.TestSupport;

namespace MovieNews.EndToEndTests.Journeys;

/// <summary>
/// The media library followed to its end in Chromium: an editor uploads a picture through the plain form (the
/// editor's pages with JavaScript off, since nothing on this path needs it), pastes its Markdown into a new article
/// and makes it the featured picture; a reader then sees the hero in WebP from its srcset, the picture in the text
/// and the card on the home page. And an SVG refused, the words kept, then a real JPEG accepted.
/// </summary>
[Collection(LiveSiteCollection.Name)]
public sealed class MediaJourneyTests(LiveSite site) : IDisposable
{
    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("movienews-e2e-media");

    public void Dispose() => _files.Delete(recursive: true);

    [Fact]
    public async Task An_uploaded_picture_is_featured_and_inline_in_an_article_and_readers_get_webp()
    {
        var jpeg = await WriteFileAsync("premiere-night.jpg", TestImages.Jpeg(2400, 1600));
        var editor = await SignedInEditorWithoutJavaScriptAsync();
        string slug = "";
        await LiveSite.JourneyAsync(editor, "media-editor", async () =>
        {
            var mediaId = await UploadAsync(editor, jpeg, "Two halves, red and blue, of the premiere poster", "The poster at the premiere");

            var snippet = await editor.InputValueAsync("#markdown-snippet");
            Assert.Matches("""^!\[Two halves, red and blue, of the premiere poster\]\(/media/[0-9a-f]{32}\.jpg "The poster at the premiere"\)$""", snippet);

            await editor.GotoAsync("/admin/articles/edit");
            await editor.FillAsync("#Input_Title", "Pictures From Premiere Night");
            await editor.FillAsync("#Input_Body", $"The night began on the red carpet.\n\n{snippet}\n\nThen the lights went down.");
            await editor.SelectOptionAsync("#Input_FeaturedMediaId", mediaId);
            await editor.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
            await editor.WaitForURLAsync("**/admin/articles/edit/*");

            Assert.Equal(mediaId, await editor.InputValueAsync("#Input_FeaturedMediaId"));
            slug = await editor.InputValueAsync("#Input_Slug");
            Assert.Equal("pictures-from-premiere-night", slug);
        });

        var reader = await site.NewPageAsync();
        var consoleErrors = CollectConsoleErrors(reader);
        await LiveSite.JourneyAsync(reader, "media-reader", async () =>
        {
            await reader.GotoAsync($"/articles/{slug}");

            var hero = reader.Locator("figure.hero picture > img");
            Assert.Equal(1, await hero.CountAsync());
            await WaitUntilLoadedAsync(hero);
            Assert.Equal("Two halves, red and blue, of the premiere poster", await hero.GetAttributeAsync("alt"));
            Assert.Matches("^[1-9][0-9]*$", await hero.GetAttributeAsync("width") ?? "");
            Assert.Matches("^[1-9][0-9]*$", await hero.GetAttributeAsync("height") ?? "");
            Assert.False(string.IsNullOrWhiteSpace(await hero.GetAttributeAsync("sizes")), "the hero img has sizes");
            Assert.False(string.IsNullOrWhiteSpace(await hero.GetAttributeAsync("srcset")), "the hero img has a JPEG srcset");
            Assert.Contains("The poster at the premiere", await reader.Locator("figure.hero figcaption").TextContentAsync(), StringComparison.Ordinal);

            // Chromium reads WebP, so the <source> wins over the img's own JPEG candidates.
            var webpCandidates = Candidates(await reader.Locator("figure.hero picture > source[type='image/webp']").GetAttributeAsync("srcset"));
            Assert.NotEmpty(webpCandidates);
            Assert.All(webpCandidates, c => Assert.EndsWith(".webp", c, StringComparison.Ordinal));
            var current = new Uri(await hero.EvaluateAsync<string>("img => img.currentSrc")).AbsolutePath;
            Assert.EndsWith(".webp", current, StringComparison.Ordinal);
            Assert.Contains(current, webpCandidates);

            var inline = reader.Locator(".article-body img[src^='/media/']");
            Assert.Equal(1, await inline.CountAsync());
            await WaitUntilLoadedAsync(inline);
            Assert.Equal("Two halves, red and blue, of the premiere poster", await inline.GetAttributeAsync("alt"));

            await reader.GotoAsync("/");
            var card = reader.Locator(".article-summary", new() { Has = reader.Locator($"h2 a[href='/articles/{slug}']") });
            var cardImage = card.Locator(".card-picture img");
            Assert.Equal(1, await cardImage.CountAsync());
            await cardImage.ScrollIntoViewIfNeededAsync();
            await WaitUntilLoadedAsync(cardImage);
            // Decorative beside the link that names the article: an empty alt, present.
            Assert.Equal("", await cardImage.GetAttributeAsync("alt"));
            Assert.EndsWith(".webp", await cardImage.EvaluateAsync<string>("img => img.currentSrc"), StringComparison.Ordinal);

            Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
        });
    }

    [Fact]
    public async Task An_svg_is_refused_next_to_the_file_field_with_the_words_kept_and_a_real_jpeg_then_goes_through()
    {
        var svg = Path.Combine(_files.FullName, "poster.svg");
        await File.WriteAllTextAsync(svg,
            """<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(document.cookie)</script><rect width="100" height="100" fill="red"/></svg>""");
        var jpeg = await WriteFileAsync("poster.jpg", TestImages.Jpeg(1200, 800));
        var editor = await SignedInEditorWithoutJavaScriptAsync();
        await LiveSite.JourneyAsync(editor, "media-refusal", async () =>
        {
            await editor.GotoAsync("/admin/media/upload");
            await editor.SetInputFilesAsync("#File", svg);
            await editor.FillAsync("#AltText", "A red square poster");
            await editor.FillAsync("#Caption", "Sent as SVG first");
            var refused = await editor.RunAndWaitForResponseAsync(
                () => editor.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync(),
                r => r.Request.Method == "POST");

            Assert.Equal(400, refused.Status);
            Assert.Contains("SVG", await editor.Locator("#File-error").TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal("true", await editor.GetAttributeAsync("#File", "aria-invalid"));
            Assert.Contains("File-error", await editor.GetAttributeAsync("#File", "aria-describedby") ?? "", StringComparison.Ordinal);
            // The error is next to the file field: in the same field wrapper.
            Assert.Equal(1, await editor.Locator(".field", new() { Has = editor.Locator("#File") }).Locator("#File-error").CountAsync());
            Assert.Contains("choose the file again", await editor.Locator("#form-message").TextContentAsync(), StringComparison.Ordinal);
            Assert.Equal("A red square poster", await editor.InputValueAsync("#AltText"));
            Assert.Equal("Sent as SVG first", await editor.InputValueAsync("#Caption"));

            await editor.SetInputFilesAsync("#File", jpeg);
            await editor.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            await editor.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/media/[0-9]+(#.*)?$"));

            Assert.StartsWith("![A red square poster](/media/", await editor.InputValueAsync("#markdown-snippet"), StringComparison.Ordinal);
            Assert.Equal("Sent as SVG first", await editor.InputValueAsync("#Caption"));
            Assert.Equal(0, await editor.Locator("#File-error").CountAsync());
        });
    }

    [Fact]
    public async Task A_featured_picture_uploaded_from_the_editor_without_javascript_reaches_the_article()
    {
        var jpeg = await WriteFileAsync("red-carpet.jpg", TestImages.Jpeg(1600, 1000));
        var editor = await SignedInEditorWithoutJavaScriptAsync();
        await LiveSite.JourneyAsync(editor, "media-featured-in-place", async () =>
        {
            await editor.GotoAsync("/admin/articles/edit");
            await editor.FillAsync("#Input_Title", "Red Carpet Arrivals");
            await editor.FillAsync("#Input_Body", "Everyone arrived on time.");
            await editor.Locator("details.new-picture > summary").ClickAsync();
            await editor.SetInputFilesAsync("#NewPictureFile", jpeg);
            await editor.FillAsync("#NewPicture_AltText", "A red carpet lined with photographers");
            await editor.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
            await editor.WaitForURLAsync("**/admin/articles/edit/*");

            Assert.NotEqual("", await editor.InputValueAsync("#Input_FeaturedMediaId"));
            await editor.GotoAsync("/articles/red-carpet-arrivals");
            var hero = editor.Locator("figure.hero picture > img");
            await WaitUntilLoadedAsync(hero);
            Assert.Equal("A red carpet lined with photographers", await hero.GetAttributeAsync("alt"));
        });
    }

    /// <summary>Uploads through the plain form and returns the new picture's id, read from the address it redirects to.</summary>
    private static async Task<string> UploadAsync(IPage page, string file, string altText, string caption)
    {
        await page.GotoAsync("/admin/media/upload");
        await page.SetInputFilesAsync("#File", file);
        await page.FillAsync("#AltText", altText);
        await page.FillAsync("#Caption", caption);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin/media/[0-9]+(#.*)?$"));
        var path = new Uri(page.Url).AbsolutePath;
        return path[(path.LastIndexOf('/') + 1)..];
    }

    /// <summary>The editor signs in as every journey does, in a context with JavaScript off.</summary>
    private async Task<IPage> SignedInEditorWithoutJavaScriptAsync()
    {
        return await LiveSite.SignInAsAdminAsync(await site.NewPageAsync(javaScript: false));
    }

    private async Task<string> WriteFileAsync(string name, byte[] content)
    {
        var path = Path.Combine(_files.FullName, name);
        await File.WriteAllBytesAsync(path, content);
        return path;
    }

    private static async Task WaitUntilLoadedAsync(ILocator image)
    {
        var handle = await image.ElementHandleAsync();
        await handle.WaitForElementStateAsync(ElementState.Visible);
        var loaded = await image.Page.WaitForFunctionAsync("img => img.complete", handle);
        Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0, $"{await image.EvaluateAsync<string>("img => img.currentSrc")} did not load");
        await loaded.DisposeAsync();
    }

    /// <summary>The addresses in a srcset (each candidate's first word).</summary>
    private static List<string> Candidates(string? srcset) =>
        [.. (srcset ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.Split(' ')[0])];

    /// <summary>Console errors (a CSP violation is reported as one) and uncaught script errors on the page.</summary>
    private static List<string> CollectConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"page error: {error}");
        return errors;
    }
}
