using Microsoft.Playwright;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Quality;

/// <summary>The dark theme, the reader's choice of theme, and the admin area on a phone.</summary>
[Collection(LiveSiteCollection.Name)]
public sealed class ReadingComfortTests(LiveSite site)
{
    private static readonly string[] _themedPages =
    [
        "/", "/articles/will-there-be-a-purple-hearts-2", "/tags", "/search?q=purple+hearts", "/account/login",
    ];

    public static readonly string[] AdminPages =
    [
        "/admin", "/admin/articles", "/admin/articles/edit", "/admin/articles/edit/1", "/admin/comments", "/admin/settings",
        "/admin/audit", "/admin/users", "/admin/privacy?Email=reader@example.com", "/admin/profile", "/admin/bans", "/admin/media",
    ];

    private async Task<IPage> PageAsync(ColorScheme scheme, bool signedIn, ViewportSize? viewport = null)
    {
        var size = viewport ?? new ViewportSize { Width = 1280, Height = 900 };
        if (signedIn)
        {
            return await PhoneLayout.SignedInAdminAsync(site, scheme, size);
        }

        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl, ColorScheme = scheme, ViewportSize = size, BypassCSP = true });
        return await context.NewPageAsync();
    }

    private static async Task<List<string>> AxeAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        return [.. (await Axe.SeriousViolationsAsync(page)).Select(v => $"{url} {v}")];
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Both_themes_pass_axe_with_no_serious_or_critical_violations(ColorScheme scheme)
    {
        var reader = await PageAsync(scheme, signedIn: false);
        var editor = await PageAsync(scheme, signedIn: true);
        var failures = new List<string>();

        foreach (var url in _themedPages)
        {
            failures.AddRange(await AxeAsync(reader, url));
        }

        foreach (var url in new[] { "/admin", "/admin/articles/edit/1", "/admin/comments", "/admin/settings" })
        {
            failures.AddRange(await AxeAsync(editor, url));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_system_dark_setting_gives_a_dark_page()
    {
        var page = await PageAsync(ColorScheme.Dark, signedIn: false);

        await page.GotoAsync("/");
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

        Assert.Equal("rgb(20, 20, 23)", background);
    }

    [Fact]
    public async Task A_reader_chooses_dark_without_javascript_and_keeps_it_on_the_next_page_while_others_keep_theirs()
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl, JavaScriptEnabled = false, ColorScheme = ColorScheme.Light });
        var reader = await context.NewPageAsync();
        await reader.GotoAsync("/tags");

        // The form returns to the same address: wait for the navigation itself, not the URL.
        await reader.RunAndWaitForResponseAsync(() => reader.GetByRole(AriaRole.Button, new() { Name = "Dark", Exact = true }).ClickAsync(),
            response => response.Request.Method == "GET" && response.Url.EndsWith("/tags", StringComparison.Ordinal));
        await reader.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var chosen = await reader.GetAttributeAsync("html", "data-theme");
        await reader.GotoAsync("/articles/will-there-be-a-purple-hearts-2");
        var background = await reader.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        var pressed = await reader.GetByRole(AriaRole.Button, new() { Name = "Dark", Exact = true }).GetAttributeAsync("aria-pressed");
        var other = await PageAsync(ColorScheme.Light, signedIn: false);
        await other.GotoAsync("/articles/will-there-be-a-purple-hearts-2");

        Assert.Equal("dark", chosen);
        Assert.Equal("rgb(20, 20, 23)", background);
        Assert.Equal("true", pressed);
        Assert.Null(await other.GetAttributeAsync("html", "data-theme"));

        await reader.RunAndWaitForResponseAsync(() => reader.GetByRole(AriaRole.Button, new() { Name = "Light", Exact = true }).ClickAsync(),
            response => response.Request.Method == "GET" && response.Url.EndsWith("/articles/will-there-be-a-purple-hearts-2", StringComparison.Ordinal));
        await reader.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Equal("light", await reader.GetAttributeAsync("html", "data-theme"));
    }

    [Fact]
    public async Task Focus_rings_contrast_at_least_three_to_one_with_what_is_around_them_in_both_themes()
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await PageAsync(scheme, signedIn: false);
            await page.GotoAsync("/articles/will-there-be-a-purple-hearts-2");
            foreach (var selector in new[] { ".site-header a.brand", "article .tags a", "#respond button[type=submit]", ".theme-form button" })
            {
                await page.Locator(selector).First.FocusAsync();
                await page.Keyboard.PressAsync("Shift+Tab");
                await page.Keyboard.PressAsync("Tab");
                var ratio = await page.EvaluateAsync<double>("""
                    () => {
                      const el = document.activeElement;
                      const rgb = c => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
                      const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
                      let bgEl = el.parentElement, bg = 'rgba(0, 0, 0, 0)';
                      while (bgEl && (bg = getComputedStyle(bgEl).backgroundColor) === 'rgba(0, 0, 0, 0)') { bgEl = bgEl.parentElement; }
                      if (bg === 'rgba(0, 0, 0, 0)') { bg = getComputedStyle(document.body).backgroundColor; }
                      const ring = lum(rgb(getComputedStyle(el).outlineColor)), around = lum(rgb(bg));
                      return (Math.max(ring, around) + 0.05) / (Math.min(ring, around) + 0.05);
                    }
                    """);
                Assert.True(ratio >= 3, $"{scheme} {selector}: focus ring contrast {ratio:0.00}");
                Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
            }
        }
    }

    [Fact]
    public async Task The_admin_area_fits_a_390_pixel_phone_without_sideways_scrolling()
    {
        var page = await PageAsync(ColorScheme.Light, signedIn: true, new ViewportSize { Width = 390, Height = 844 });
        var overflowing = new List<string>();

        foreach (var url in AdminPages)
        {
            await page.GotoAsync(url);
            if (await PhoneLayout.SidewaysOverflowAsync(page) is { } overflow)
            {
                overflowing.Add($"{url}: {overflow}");
            }
        }

        Assert.True(overflowing.Count == 0, string.Join("\n", overflowing));
    }

    [Fact]
    public async Task Fields_are_at_least_16_pixels_so_phones_do_not_zoom_and_buttons_use_the_interface_font()
    {
        var page = await PageAsync(ColorScheme.Light, signedIn: true, new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync("/admin/articles/edit");

        var smallest = await page.EvaluateAsync<double>("() => Math.min(...[...document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), select, textarea')].map(e => parseFloat(getComputedStyle(e).fontSize)))");
        var buttonFont = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#article-editor button')).fontFamily");

        Assert.True(smallest >= 16, $"smallest field font {smallest}px");
        Assert.DoesNotContain("Georgia", buttonFont, StringComparison.Ordinal);
    }
}
