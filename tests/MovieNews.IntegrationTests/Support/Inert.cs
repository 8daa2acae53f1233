using AngleSharp.Dom;

namespace MovieNews.IntegrationTests.Support;

public static class Inert
{
    /// <summary>The shared hostile-input list in tests/data/xss-payloads.txt.</summary>
    public static IReadOnlyList<string> Payloads { get; } = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "xss-payloads.txt"))
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => line.Replace("\\n", "\n", StringComparison.Ordinal))
        .ToList();

    /// <summary>Only the site's own external scripts; no event handler, script URL or embedding element anywhere in main.</summary>
    public static void AssertNoScript(IDocument page, string context)
    {
        // Structured data is a data block, never run; it must still parse as JSON (no breakout from it).
        foreach (var data in page.QuerySelectorAll("script[type='application/ld+json']"))
        {
            using var json = System.Text.Json.JsonDocument.Parse(data.TextContent);
        }

        var scripts = page.QuerySelectorAll("script:not([type='application/ld+json'])").Select(s => s.GetAttribute("src") ?? "inline").ToList();
        Assert.All(scripts, src => Assert.StartsWith("/js/", src, StringComparison.Ordinal));
        foreach (var element in page.QuerySelectorAll("main *"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} on <{element.LocalName}> after: {context}");
                if (attribute.Name is "href" or "src" or "action" or "formaction")
                {
                    Assert.DoesNotMatch(@"^\s*(javascript|data|vbscript):", attribute.Value.ToLowerInvariant());
                }
            }

            // The site's own avatars are inline SVG drawn from numbers only (class="avatar"; user text never has a class).
            if (element.Closest("svg") is { } svg && svg.GetAttribute("class") == "avatar" && element.LocalName is "svg" or "rect" or "circle" or "path")
            {
                continue;
            }

            Assert.DoesNotContain(element.LocalName, new[] { "iframe", "object", "embed", "svg", "math", "img", "style", "base", "meta", "link" });
        }
    }
}
