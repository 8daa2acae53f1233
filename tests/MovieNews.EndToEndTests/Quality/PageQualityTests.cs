using System.Diagnostics;
using Microsoft.Playwright;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Quality;

/// <summary>axe-core and the Nu HTML Checker on every public and admin page.</summary>
[Collection(LiveSiteCollection.Name)]
public sealed class PageQualityTests(LiveSite site)
{
    public static readonly string[] PublicPages =
    [
        "/", "/?page=2", "/articles/will-there-be-a-purple-hearts-2", "/articles/will-there-be-a-purple-hearts-2?replyto=1",
        "/articles/will-there-be-a-purple-hearts-2/comments/1/thread",
        "/tags", "/tags/movies", "/account/login", "/no-such-page", "/search", "/search?q=purple+hearts", AuthorPage, "/articles/a-page-for-the-quality-checks",
    ];

    /// <summary>The first admin's author page, which exists once an article credits them (<see cref="EnsureAuthoredArticleAsync"/>).</summary>
    private const string AuthorPage = "/authors/staff";

    public static readonly string[] AdminPages =
    [
        "/admin", "/admin/articles", "/admin/articles/edit", "/admin/articles/edit/1", "/admin/articles/1/revisions/1",
        "/admin/comments", "/admin/comments?status=approved", "/admin/comments/5", "/admin/settings", "/admin/audit", "/admin/users", "/admin/privacy", "/admin/privacy?Email=reader@example.com",
        "/admin/profile", "/admin/review",
    ];

    [Fact]
    public async Task No_page_has_serious_or_critical_accessibility_violations()
    {
        var reader = await NewPageAsync(signedIn: false);
        var editor = await NewPageAsync(signedIn: true);
        await EnsureAuthoredArticleAsync(editor);
        var failures = new List<string>();
        foreach (var (page, url) in PublicPages.Select(u => (reader, u)).Concat(AdminPages.Append(await EnsureReviewAsync(editor)).Select(u => (editor, u))))
        {
            await page.GotoAsync(url);
            failures.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{url} {v}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_comment_thread_is_keyboard_navigable_with_visible_focus()
    {
        var page = await NewPageAsync(signedIn: false);
        await page.GotoAsync("/articles/will-there-be-a-purple-hearts-2");
        await page.Locator("#comments a.comment-permalink").First.FocusAsync();

        await page.Keyboard.PressAsync("Tab");

        Assert.Equal("comment-reply", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);
        Assert.True(await page.Locator("#comments ol.comment-list").CountAsync() > 1, "threads are announced as nested lists");
        Assert.Equal(await page.Locator("#respond form input:not([type=hidden]):not(#Input_Homepage), #respond form textarea").CountAsync(),
            await page.Locator("#respond form label[for]").CountAsync() - 1);
    }

    [Fact]
    public async Task Every_page_is_valid_html_per_the_nu_checker()
    {
        var folder = Directory.CreateTempSubdirectory("movienews-vnu").FullName;
        var reader = await NewPageAsync(signedIn: false);
        var editor = await NewPageAsync(signedIn: true);
        await EnsureAuthoredArticleAsync(editor);
        var index = 0;
        foreach (var (page, url) in PublicPages.Select(u => (reader, u)).Concat(AdminPages.Append(await EnsureReviewAsync(editor)).Select(u => (editor, u))))
        {
            var response = await page.APIRequest.GetAsync(url);
            await File.WriteAllTextAsync(Path.Combine(folder, $"{index++:00}-{Sanitize(url)}.html"), await response.TextAsync());
        }

        var vnu = Path.Combine(LiveSite.ToolsFolder, "vnu-jar", "build", "dist", "vnu.jar");
        using var process = Process.Start(new ProcessStartInfo("java", ["-jar", vnu, "--errors-only", "--format", "gnu", "--skip-non-html", folder])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var errors = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0 && errors.Trim().Length == 0, errors);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>An article by the signed-in admin with a trailer, dated in the past so it sits below the others, giving them an author page.</summary>
    private static async Task EnsureAuthoredArticleAsync(IPage editor)
    {
        // Other journeys may have given the admin an author page already: the check is for this article itself.
        if ((await editor.APIRequest.GetAsync("/articles/a-page-for-the-quality-checks")).Status == 200)
        {
            return;
        }

        await editor.GotoAsync("/admin/articles/edit");
        await editor.FillAsync("#Input_Title", "A page for the quality checks");
        await editor.FillAsync("#Input_Body", "Written by the first admin, so they have an author page. With a trailer:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ");
        await editor.FillAsync("#Input_PublishAt", "2019-06-01T10:00");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await editor.WaitForURLAsync("**/admin/articles/edit/*");
        Assert.Equal(200, (await editor.APIRequest.GetAsync(AuthorPage)).Status);
    }

    /// <summary>A change to the quality-check article waiting for review, so the review page shows a side-by-side comparison.</summary>
    private static async Task<string> EnsureReviewAsync(IPage editor)
    {
        await editor.GotoAsync("/admin/articles?q=a+page+for+the+quality");
        var edit = (await editor.Locator("td a").First.GetAttributeAsync("href"))!;
        var review = "/admin/review/" + edit[(edit.LastIndexOf('/') + 1)..];
        if ((await editor.APIRequest.GetAsync(review)).Status == 200)
        {
            return review;
        }

        await editor.GotoAsync(edit);
        await editor.FillAsync("#Input_Body", "Written by the first admin, so they have an author page; <b>changed</b> for the review page. With a trailer:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit changes for review", Exact = true }).ClickAsync();
        await editor.WaitForURLAsync("**/admin/articles/edit/*");
        Assert.Equal(200, (await editor.APIRequest.GetAsync(review)).Status);
        return review;
    }

    private async Task<IPage> NewPageAsync(bool signedIn)
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl, BypassCSP = true });
        var page = await context.NewPageAsync();
        return signedIn ? await LiveSite.SignInAsAdminAsync(page) : page;
    }

    private static string Sanitize(string url) => new(url.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
}
