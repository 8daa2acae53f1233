using Microsoft.AspNetCore.Http.Features;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// The query parameters a reader page understands, in the order its links write them. Page numbers among them
/// are written without leading zeros and left out when they are 1; ids are written without leading zeros and left
/// out when they are not a number.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CanonicalQueryAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;

    public string[] PageNumbers { get; init; } = [];

    public string[] Ids { get; init; } = [];

    /// <summary>
    /// Parameters with a fixed set of values, each written "key=default|other|other": values are lower case, the
    /// default is written as no parameter, and an unknown value is left out (so it is the default).
    /// </summary>
    public string[] Choices { get; init; } = [];

    internal string[]? ChoicesFor(string key) =>
        Choices.Select(c => c.Split('=', 2)).FirstOrDefault(c => c[0] == key)?[1].Split('|');
}

/// <summary>
/// One address per reader page: any other spelling of it — a trailing slash, capitals, <c>/index</c>, a
/// percent-encoded letter, <c>?page=1</c>, <c>?page=01</c>, an empty <c>?</c>, parameters the page does not read,
/// a repeated parameter — is redirected permanently to the canonical address, before any cache is asked. So
/// every page has one entry in the app's cache and in any cache in front of it.
/// </summary>
public static class CanonicalAddresses
{
    public static WebApplication UseCanonicalAddresses(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var request = context.Request;
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && context.GetEndpoint() is { } endpoint
                && endpoint.Metadata.GetMetadata<CanonicalQueryAttribute>() is { } rules
                && CanonicalFor(RawTarget(context), rules, IsIndexAlias(endpoint)) is { } canonical)
            {
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = canonical;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    /// <summary>
    /// The canonical address (escaped path and query, ready for a Location header) when the request's address as
    /// sent differs from it; null when it is canonical.
    /// </summary>
    public static string? CanonicalFor(string rawTarget, CanonicalQueryAttribute rules, bool indexAlias = false)
    {
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var rawQuery = queryStart < 0 ? null : rawTarget[(queryStart + 1)..];
        var canonicalPath = new PathString(CanonicalPath(Decode(rawPath, plusIsSpace: false), indexAlias)).ToUriComponent();

        var pairs = Parse(rawQuery);
        var canonicalPairs = new List<(string Key, string Value)>();
        foreach (var key in rules.Keys)
        {
            var match = pairs.FirstOrDefault(p => Decode(p.Key, plusIsSpace: true).Equals(key, StringComparison.OrdinalIgnoreCase));
            if (match.Key is null)
            {
                continue;
            }

            var value = rules.PageNumbers.Contains(key, StringComparer.Ordinal) ? CanonicalNumber(match.Value, omitOne: true, keepInvalid: true)
                : rules.Ids.Contains(key, StringComparer.Ordinal) ? CanonicalNumber(match.Value, omitOne: false, keepInvalid: false)
                : rules.ChoicesFor(key) is { } choices ? CanonicalChoice(match.Value, choices)
                : Decode(match.Value, plusIsSpace: true);
            if (value is not null)
            {
                canonicalPairs.Add((key, value));
            }
        }

        // Free text compares decoded (a form writes a space as "+", a link as "%20"); keys and numbers as sent.
        var sameQuery = pairs.Count == canonicalPairs.Count
            && pairs.Zip(canonicalPairs).All(p => p.First.Key == p.Second.Key
                && (p.First.Value == p.Second.Value || (!IsNumber(rules, p.Second.Key) && Decode(p.First.Value, plusIsSpace: true) == p.Second.Value)))
            && rawQuery is not "";
        if (canonicalPath == rawPath && sameQuery)
        {
            return null;
        }

        return canonicalPairs.Count == 0
            ? canonicalPath
            : canonicalPath + "?" + string.Join('&', canonicalPairs.Select(p => $"{p.Key}={(IsNumber(rules, p.Key) ? p.Value : Uri.EscapeDataString(p.Value))}"));
    }

    /// <summary>Numbers and choices compare as sent: "Newest" and "%6Eewest" are spellings to redirect.</summary>
    private static bool IsNumber(CanonicalQueryAttribute rules, string key) =>
        rules.PageNumbers.Contains(key, StringComparer.Ordinal) || rules.Ids.Contains(key, StringComparer.Ordinal) || rules.ChoicesFor(key) is not null;

    /// <summary>"Newest" → "newest"; the default and anything unknown are left out.</summary>
    private static string? CanonicalChoice(string raw, string[] choices)
    {
        var value = Decode(raw, plusIsSpace: true).Trim().ToLowerInvariant();
        return choices.Skip(1).Contains(value, StringComparer.Ordinal) ? value : null;
    }

    /// <summary>The path and query exactly as the client sent them (the decoded Path hides "%32" for "2").</summary>
    private static string RawTarget(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            return (context.Request.PathBase + context.Request.Path).ToUriComponent() + context.Request.QueryString.Value;
        }

        // The absolute form a proxy may send ("http://host/path?query").
        return raw.StartsWith('/') ? raw : Uri.TryCreate(raw, UriKind.Absolute, out var uri) ? uri.PathAndQuery : raw;
    }

    /// <summary>Razor Pages also answer an Index page at ".../Index": that spelling is an alias too.</summary>
    private static bool IsIndexAlias(Endpoint endpoint) =>
        endpoint is RouteEndpoint { RoutePattern.RawText: { } template }
        && (template.Equals("Index", StringComparison.OrdinalIgnoreCase) || template.EndsWith("/Index", StringComparison.OrdinalIgnoreCase));

    private static string CanonicalPath(string path, bool indexAlias)
    {
        var canonical = path.ToLowerInvariant().TrimEnd('/');
        if (indexAlias && canonical.EndsWith("/index", StringComparison.Ordinal))
        {
            canonical = canonical[..^"/index".Length];
        }

        return canonical.Length == 0 ? "/" : canonical;
    }

    /// <summary>
    /// "007" → "7"; for page numbers "1" and "" are left out and anything else is kept for the page to refuse; for
    /// ids anything that is not a positive number is left out.
    /// </summary>
    private static string? CanonicalNumber(string raw, bool omitOne, bool keepInvalid)
    {
        var value = Decode(raw, plusIsSpace: true);
        if (value.Length == 0 || !value.All(char.IsAsciiDigit))
        {
            return value.Length > 0 && keepInvalid ? value : null;
        }

        var trimmed = value.TrimStart('0');
        return trimmed.Length == 0 ? (keepInvalid ? "0" : null) : omitOne && trimmed == "1" ? null : trimmed;
    }

    /// <summary>The query as written: every pair, in order, undecoded.</summary>
    private static List<(string Key, string Value)> Parse(string? query)
    {
        var pairs = new List<(string Key, string Value)>();
        if (string.IsNullOrEmpty(query))
        {
            return pairs;
        }

        foreach (var part in query.Split('&'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            pairs.Add(equals < 0 ? (part, string.Empty) : (part[..equals], part[(equals + 1)..]));
        }

        return pairs;
    }

    private static string Decode(string text, bool plusIsSpace) => Uri.UnescapeDataString(plusIsSpace ? text.Replace('+', ' ') : text);
}
