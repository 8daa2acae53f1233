using Microsoft.Playwright;

namespace MovieNews.EndToEndTests.Support;

public static class PhoneLayout
{
    /// <summary>Null when the page fits its window; otherwise how wide it is and the first elements that stick out.</summary>
    public static async Task<string?> SidewaysOverflowAsync(IPage page)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        if (scroll <= width)
        {
            return null;
        }

        var widest = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
              .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '')).join(', ')
            """);
        return $"{scroll}px wide ({widest})";
    }

    /// <summary>A browser page signed in as the live site's admin.</summary>
    public static async Task<IPage> SignedInAdminAsync(LiveSite site, ColorScheme scheme, ViewportSize viewport)
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.BaseUrl,
            ColorScheme = scheme,
            ViewportSize = viewport,
            BypassCSP = true,
        });
        return await LiveSite.SignInAsAdminAsync(await context.NewPageAsync());
    }
}
