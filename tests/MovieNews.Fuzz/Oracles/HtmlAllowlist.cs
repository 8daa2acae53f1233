using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Fuzz.Oracles;

/// <summary>
/// What a browser would find in sanitized HTML, checked against the profile it was sanitized with. The allowlists
/// are read from the product's own sanitizers, so a profile change needs no change here.
/// </summary>
public sealed partial class HtmlAllowlist
{
    /// <summary>What the comment profile stamps on every link.</summary>
    public const string CommentLinkRel = "nofollow ugc noopener";

    private static readonly Lazy<HtmlAllowlist> _comments = new(() => new(SanitizerProfiles.ForComments(), CommentLinkRel));
    private static readonly Lazy<HtmlAllowlist> _articles = new(() => new(SanitizerProfiles.ForArticles(), requiredLinkRel: null));

    private static readonly char[] _c0ControlsAndSpace = [.. Enumerable.Range(0, 0x21).Select(c => (char)c)];

    private readonly HashSet<string> _tags;
    private readonly HashSet<string> _attributes;
    private readonly HashSet<string> _uriAttributes;
    private readonly HashSet<string> _schemes;
    private readonly HashSet<string> _cssProperties;
    private readonly string? _requiredLinkRel;

    private HtmlAllowlist(HtmlSanitizer profile, string? requiredLinkRel)
    {
        _tags = new(profile.AllowedTags, StringComparer.OrdinalIgnoreCase);
        _attributes = new(profile.AllowedAttributes, StringComparer.OrdinalIgnoreCase);
        _uriAttributes = new(profile.UriAttributes, StringComparer.OrdinalIgnoreCase);
        _schemes = new(profile.AllowedSchemes, StringComparer.OrdinalIgnoreCase);
        _cssProperties = new(profile.AllowedCssProperties, StringComparer.OrdinalIgnoreCase);
        _requiredLinkRel = requiredLinkRel;
    }

    public static HtmlAllowlist Comments => _comments.Value;

    public static HtmlAllowlist Articles => _articles.Value;

    /// <summary>Every way the HTML strays from the profile, in words; empty when it holds only what the profile allows.</summary>
    public IReadOnlyList<string> Violations(string html)
    {
        var violations = new List<string>();
        // A parser per call: the oracle runs on many threads under the property tests.
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        foreach (var element in document.Body!.Descendants<IElement>())
        {
            if (!_tags.Contains(element.LocalName))
            {
                violations.Add($"element <{element.LocalName}>");
            }

            foreach (var attribute in element.Attributes)
            {
                violations.AddRange(AttributeViolations(element, attribute));
            }

            if (_requiredLinkRel is not null && element.LocalName == "a" && element.GetAttribute("rel") != _requiredLinkRel)
            {
                violations.Add($"<a> with rel=\"{element.GetAttribute("rel")}\" instead of \"{_requiredLinkRel}\"");
            }
        }

        return violations;
    }

    /// <summary>Throws when the HTML strays from the profile: the fuzz targets' oracle.</summary>
    public void Check(string html, string origin)
    {
        if (Violations(html) is { Count: > 0 } violations)
        {
            throw new InvariantViolationException($"{origin} produced {string.Join("; ", violations)} in:\n{html}");
        }
    }

    private IEnumerable<string> AttributeViolations(IElement element, IAttr attribute)
    {
        var name = attribute.Name;
        var isAddedRel = name == "rel" && _requiredLinkRel is not null && element.LocalName == "a";
        if (!_attributes.Contains(name) && !isAddedRel)
        {
            yield return $"attribute {name} on <{element.LocalName}>";
        }

        if (_uriAttributes.Contains(name) && BrowserScheme(attribute.Value) is { } scheme && !_schemes.Contains(scheme))
        {
            yield return $"{name} with scheme {scheme}: on <{element.LocalName}>";
        }

        if (name == "style")
        {
            foreach (var declaration in attribute.Value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = declaration.IndexOf(':', StringComparison.Ordinal);
                var property = colon < 0 ? declaration : declaration[..colon].Trim();
                if (!_cssProperties.Contains(property) || declaration.IndexOfAny(['(', '\\', '<']) >= 0)
                {
                    yield return $"style declaration \"{declaration}\" on <{element.LocalName}>";
                }
            }
        }
    }

    /// <summary>
    /// The scheme a browser's URL parser would see (it strips leading and trailing C0 controls and spaces and
    /// removes tabs and line breaks anywhere), lower-cased; null for a relative URL.
    /// </summary>
    public static string? BrowserScheme(string url)
    {
        var cleaned = url.Trim(_c0ControlsAndSpace).Replace("\t", "", StringComparison.Ordinal)
            .Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);
        var match = Scheme().Match(cleaned);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*):")]
    private static partial Regex Scheme();
}
