namespace MovieNews.Web.Infrastructure;

/// <summary>
/// The query parameters a reader page understands, in the order its links write them; page numbers among them
/// are written without leading zeros and left out when they are 1.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CanonicalQueryAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;

    public string[] PageNumbers { get; init; } = [];
}

/// <summary>
/// One address per reader page: any other spelling of it — a trailing slash, capitals, <c>/index</c>,
/// <c>?page=1</c>, <c>?page=01</c>, parameters the page does not read, a repeated parameter — is redirected
/// permanently to the canonical address, before any cache is asked. So every page has one cache entry, and
/// search engines and shared caches see one address.
/// </summary>
public static class CanonicalAddresses
{
    public static WebApplication UseCanonicalAddresses(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var request = context.Request;
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && context.GetEndpoint()?.Metadata.GetMetadata<CanonicalQueryAttribute>() is { } rules
                && CanonicalFor(request.PathBase + request.Path, request.QueryString, rules, IsIndexAlias(context.GetEndpoint())) is { } canonical)
            {
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = canonical;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    /// <summary>The canonical address (path and query) when the request's differs from it; null when it is canonical.</summary>
    public static string? CanonicalFor(PathString path, QueryString query, CanonicalQueryAttribute rules, bool indexAlias = false)
    {
        var requestPath = path.Value ?? "/";
        var canonicalPath = CanonicalPath(requestPath, indexAlias);
        var pairs = Parse(query.Value);
        var canonicalPairs = new List<(string Key, string Value)>();
        foreach (var key in rules.Keys)
        {
            var match = pairs.FirstOrDefault(p => p.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
            if (match.Key is null)
            {
                continue;
            }

            var value = rules.PageNumbers.Contains(key, StringComparer.Ordinal) ? CanonicalPageNumber(match.Value) : match.Value;
            if (value is not null)
            {
                canonicalPairs.Add((key, value));
            }
        }

        if (canonicalPath == requestPath && pairs.SequenceEqual(canonicalPairs))
        {
            return null;
        }

        return canonicalPairs.Count == 0
            ? canonicalPath
            : canonicalPath + "?" + string.Join('&', canonicalPairs.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
    }

    /// <summary>Razor Pages also answer an Index page at ".../Index": that spelling is an alias too.</summary>
    private static bool IsIndexAlias(Endpoint? endpoint) =>
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

    /// <summary>"007" → "7", "1" and "" → left out; anything else is kept for the page to refuse.</summary>
    private static string? CanonicalPageNumber(string value)
    {
        if (value.Length == 0 || !value.All(char.IsAsciiDigit))
        {
            return value.Length == 0 ? null : value;
        }

        var trimmed = value.TrimStart('0');
        return trimmed == "1" ? null : trimmed.Length == 0 ? "0" : trimmed;
    }

    /// <summary>The query as written: every pair, in order, decoded (a '+' is a space, as forms send it).</summary>
    private static List<(string Key, string Value)> Parse(string? query)
    {
        var pairs = new List<(string Key, string Value)>();
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return pairs;
        }

        foreach (var part in query.TrimStart('?').Split('&'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? string.Empty : Decode(part[(equals + 1)..]);
            pairs.Add((key, value));
        }

        return pairs;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
