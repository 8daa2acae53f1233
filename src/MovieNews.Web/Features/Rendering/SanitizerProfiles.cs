using Ganss.Xss;

namespace MovieNews.Web.Features.Rendering;

/// <summary>
/// Allowlists for the two kinds of user-authored HTML. Both start from the library's defaults
/// (URI checks included) and then narrow the tags and attributes to what the Markdown can produce.
/// </summary>
internal static class SanitizerProfiles
{
    private static readonly string[] _schemes = ["http", "https", "mailto"];

    // Disallowed elements keep their text (so a stray <div> loses nothing), except these, whose
    // content is code or markup rather than prose and must vanish with them.
    private static readonly HashSet<string> _removedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "noembed", "noframes", "iframe", "object", "embed",
        "textarea", "title", "svg", "math", "select", "xmp", "plaintext", "head",
    };

    public static HtmlSanitizer ForArticles()
    {
        var sanitizer = Narrowed(
            tags: ["p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "ins", "mark", "sup", "sub",
                "code", "pre", "kbd", "blockquote", "ul", "ol", "li", "a", "img", "figure", "figcaption", "picture", "source", "span",
                "table", "thead", "tbody", "tr", "th", "td", "abbr", "dl", "dt", "dd"],
            attributes: ["href", "title", "src", "alt", "width", "height", "id", "colspan", "rowspan", "start", "style",
                "srcset", "sizes", "type", "loading", "decoding"]);
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedCssProperties.Add("text-align");
        sanitizer.PostProcessNode += (_, e) =>
        {
            // The sanitizer checks src and href, not srcset: a candidate list is kept only when it names our own files.
            if (e.Node is AngleSharp.Dom.IElement element && element.GetAttribute("srcset") is { } srcset && !IsLibrarySrcSet(srcset))
            {
                element.RemoveAttribute("srcset");
            }
        };
        return sanitizer;
    }

    public static HtmlSanitizer ForComments()
    {
        var sanitizer = Narrowed(
            tags: ["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a"],
            attributes: ["href"]);
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow ugc noopener");
            }
        };
        return sanitizer;
    }

    private static bool IsLibrarySrcSet(string srcset) =>
        srcset.Split(',', StringSplitOptions.TrimEntries).All(candidate =>
            candidate.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var url, var width]
            && url.StartsWith(Media.MediaAddresses.Prefix, StringComparison.Ordinal) && Media.MediaAddresses.IsKey(url[Media.MediaAddresses.Prefix.Length..])
            && width.EndsWith('w') && int.TryParse(width[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _));

    private static HtmlSanitizer Narrowed(string[] tags, string[] attributes)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        sanitizer.AllowedTags.UnionWith(tags);
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.UnionWith(attributes);
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(_schemes);
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowedClasses.Clear();
        sanitizer.AllowDataAttributes = false;
        sanitizer.KeepChildNodes = true;
        sanitizer.RemovingTag += (_, e) =>
        {
            if (_removedWithContent.Contains(e.Tag.LocalName))
            {
                e.Tag.InnerHtml = string.Empty;
            }
        };
        return sanitizer;
    }
}
