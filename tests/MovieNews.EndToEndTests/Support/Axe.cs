using System.Text.Json;
using Microsoft.Playwright;

namespace MovieNews.EndToEndTests.Support;

/// <summary>axe-core's serious and critical findings on the page as it is now (its context must bypass the CSP to load axe).</summary>
public static class Axe
{
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = Path.Combine(LiveSite.ToolsFolder, "axe-core", "axe.min.js") });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run()).violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | '))");
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }
}
