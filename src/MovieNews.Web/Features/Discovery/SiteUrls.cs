namespace MovieNews.Web.Features.Discovery;

/// <summary>Absolute addresses for feeds, sitemaps and canonical links: <c>Site:PublicUrl</c> when set, else the request's own.</summary>
public sealed class SiteUrls(IConfiguration configuration)
{
    public string Base(HttpRequest request) =>
        (configuration["Site:PublicUrl"] is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}").TrimEnd('/');

    public Uri Absolute(HttpRequest request, string path) => new(Base(request) + path);
}
