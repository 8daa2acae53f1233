namespace MovieNews.Web.Features.Discovery;

/// <summary>
/// Absolute addresses for canonical links, OpenGraph, JSON-LD, feeds and the sitemap. With <c>Site:PublicUrl</c> set
/// they never depend on the request; without it they use the request's own scheme and host, and every cached page
/// is then kept per host (<see cref="VaryCachesByHost"/>), so a forged <c>Host</c> only ever reaches its sender.
/// </summary>
public sealed class SiteUrls
{
    public const string Setting = "Site:PublicUrl";
    private readonly string? _publicBase;

    public SiteUrls(IConfiguration configuration)
    {
        var configured = configuration[Setting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return;
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new InvalidOperationException($"{Setting} must be the site's absolute http(s) address, like https://news.example.com (it is '{configured}').");
        }

        _publicBase = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        PublicAuthority = uri.Authority;
    }

    /// <summary>The configured public host (and port when not the default), or null when none is configured.</summary>
    public string? PublicAuthority { get; }

    /// <summary>The configured public address without a trailing slash, or null: e-mail, sent with no request at hand, uses only this.</summary>
    public string? PublicBase => _publicBase;

    /// <summary>True when absolute addresses come from the request, so caches must keep one copy per host.</summary>
    public bool VaryCachesByHost => _publicBase is null;

    public string Base(HttpRequest request) => _publicBase ?? $"{request.Scheme}://{request.Host}";

    public Uri Absolute(HttpRequest request, string path) => new(Base(request) + path);
}
