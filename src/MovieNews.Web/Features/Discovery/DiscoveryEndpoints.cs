using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Site;
using MovieNews.Web.Infrastructure;
using MovieNews.Web.Infrastructure.Caching;

namespace MovieNews.Web.Features.Discovery;

/// <summary>RSS 2.0 and Atom feeds, a comments feed per article, the sitemap and robots.txt.</summary>
public static class DiscoveryEndpoints
{
    private const int FeedItems = 20;
    private const int CommentFeedItems = 50;

    public static IServiceCollection AddDiscovery(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton(new SiteUrls(configuration)); // built now, so a malformed Site:PublicUrl stops the start

    public static WebApplication MapDiscovery(this WebApplication app)
    {
        app.MapGet("/feed.xml", (HttpContext context, MovieNewsDbContext db, TimeProvider clock, SiteUrls urls, CancellationToken ct) =>
            ArticleFeedAsync(context, db, clock, urls, atom: false, ct)).CacheOutput(ReaderPageCache.PolicyName).WithMetadata(new CanonicalQueryAttribute());
        app.MapGet("/atom.xml", (HttpContext context, MovieNewsDbContext db, TimeProvider clock, SiteUrls urls, CancellationToken ct) =>
            ArticleFeedAsync(context, db, clock, urls, atom: true, ct)).CacheOutput(ReaderPageCache.PolicyName).WithMetadata(new CanonicalQueryAttribute());
        app.MapGet("/authors/{slug}/feed.xml", AuthorFeedAsync).CacheOutput(ReaderPageCache.PolicyName).WithMetadata(new CanonicalQueryAttribute());
        app.MapGet("/articles/{slug}/comments.xml", CommentFeedAsync);
        app.MapGet("/sitemap.xml", SitemapAsync).CacheOutput(ReaderPageCache.PolicyName).WithMetadata(new CanonicalQueryAttribute());
        app.MapGet("/robots.txt", (HttpContext context, SiteUrls urls) => Results.Text(
            $"User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /account\n\nSitemap: {urls.Base(context.Request)}/sitemap.xml\n",
            "text/plain; charset=utf-8"));
        return app;
    }

    /// <summary>An author's articles as RSS: only for an author page that exists (a published article credited to them).</summary>
    private static async Task<IResult> AuthorFeedAsync(
        string slug, HttpContext context, MovieNewsDbContext db, TimeProvider clock, SiteUrls urls, CancellationToken ct)
    {
        var author = await Pages.Authors.AuthorProfile.FindAsync(db, slug, ct);
        if (author is null
            || !await db.Articles.VisibleToReaders(clock.GetUtcNow().UtcDateTime).AnyAsync(a => a.Authors.Any(au => au.UserId == author.UserId), ct))
        {
            return Results.NotFound();
        }

        return await ArticleFeedAsync(context, db, clock, urls, atom: false, ct,
            new AuthorFeed(author.UserId, SiteText.Format("{0}: articles by {1}", "MovieNews", author.Name), $"/authors/{author.Slug}", $"/authors/{author.Slug}/feed.xml"));
    }

    private sealed record AuthorFeed(string UserId, string Title, string Page, string Self);

    private static async Task<IResult> ArticleFeedAsync(
        HttpContext context, MovieNewsDbContext db, TimeProvider clock, SiteUrls urls, bool atom, CancellationToken ct, AuthorFeed? by = null)
    {
        var visible = db.Articles.AsNoTracking().VisibleToReaders(clock.GetUtcNow().UtcDateTime);
        if (by is not null)
        {
            visible = visible.Where(a => a.Authors.Any(au => au.UserId == by.UserId));
        }

        var articles = await visible
            .OrderByDescending(a => a.PublishedUtc).ThenByDescending(a => a.Id)
            .Take(FeedItems)
            .Select(a => new { a.Slug, a.Title, a.Excerpt, a.BodyHtml, a.AuthorName, PublishedUtc = a.PublishedUtc!.Value, a.UpdatedUtc, Tags = a.Tags.Select(t => t.Name).ToList(), a.FeaturedMediaId })
            .AsSplitQuery()
            .ToListAsync(ct);
        var pictures = await PictureView.LoadAsync(db, articles.Select(a => a.FeaturedMediaId), ct);
        var request = context.Request;
        var home = urls.Absolute(request, by?.Page ?? "/");
        var feed = new SyndicationFeed(by?.Title ?? "MovieNews", SiteText.Get("News and talk about films and series."), home)
        {
            Id = home.ToString(),
            LastUpdatedTime = articles.Count == 0 ? clock.GetUtcNow() : articles.Max(a => new DateTimeOffset(a.UpdatedUtc, TimeSpan.Zero)),
            Language = context.RequestServices.GetRequiredService<SiteLanguage>().Tag,
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(urls.Absolute(request, by?.Self ?? (atom ? "/atom.xml" : "/feed.xml"))));
        feed.Items = articles.Select(a =>
        {
            var link = urls.Absolute(request, $"/articles/{a.Slug}");
            var item = new SyndicationItem(a.Title, a.Excerpt, link, link.ToString(), new DateTimeOffset(a.UpdatedUtc, TimeSpan.Zero))
            {
                PublishDate = new DateTimeOffset(a.PublishedUtc, TimeSpan.Zero),
                Content = new TextSyndicationContent(a.BodyHtml, TextSyndicationContentKind.Html),
            };
            item.Authors.Add(new SyndicationPerson { Name = a.AuthorName });
            foreach (var tag in a.Tags)
            {
                item.Categories.Add(new SyndicationCategory(tag));
            }

            // The featured picture as an enclosure: feed readers show it as the item's image.
            if (a.FeaturedMediaId is { } pictureId && pictures.TryGetValue(pictureId, out var picture)
                && (picture.Social ?? picture.Widths.LastOrDefault(f => !f.WebP)) is { } file)
            {
                item.Links.Add(SyndicationLink.CreateMediaEnclosureLink(urls.Absolute(request, file.Url), "image/jpeg", file.Bytes));
            }

            return item;
        }).ToList();
        return Xml(feed, atom);
    }

    private static async Task<IResult> CommentFeedAsync(
        string slug, HttpContext context, MovieNewsDbContext db, TimeProvider clock, SiteUrls urls, CancellationToken ct)
    {
        if (!Slug.IsValid(slug))
        {
            return Results.NotFound();
        }

        var article = await db.Articles.AsNoTracking().VisibleToReaders(clock.GetUtcNow().UtcDateTime)
            .Where(a => a.Slug == slug).Select(a => new { a.Id, a.Title }).SingleOrDefaultAsync(ct);
        if (article is null)
        {
            return Results.NotFound();
        }

        var comments = await db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == article.Id && c.Status == CommentStatus.Approved)
            .OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id)
            .Take(CommentFeedItems)
            .Select(c => new { c.Id, c.AuthorName, c.BodyHtml, c.CreatedUtc })
            .ToListAsync(ct);
        var request = context.Request;
        var page = urls.Absolute(request, $"/articles/{slug}");
        var feed = new SyndicationFeed(SiteText.Format("Comments on “{0}”", article.Title), SiteText.Format("Reader comments on {0}", article.Title), page)
        {
            Id = page + "#comments",
            LastUpdatedTime = comments.Count == 0 ? clock.GetUtcNow() : new DateTimeOffset(comments[0].CreatedUtc, TimeSpan.Zero),
        };
        feed.Items = comments.Select(c =>
        {
            var link = urls.Absolute(request, $"/articles/{slug}/comments/{c.Id}");
            var item = new SyndicationItem(SiteText.Format("By {0}", c.AuthorName), new TextSyndicationContent(c.BodyHtml, TextSyndicationContentKind.Html), link, link.ToString(), new DateTimeOffset(c.CreatedUtc, TimeSpan.Zero))
            {
                PublishDate = new DateTimeOffset(c.CreatedUtc, TimeSpan.Zero),
            };
            item.Authors.Add(new SyndicationPerson { Name = c.AuthorName });
            return item;
        }).ToList();
        return Xml(feed, atom: false);
    }

    private static async Task<IResult> SitemapAsync(HttpContext context, MovieNewsDbContext db, TimeProvider clock, SiteUrls urls, CancellationToken ct)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var articles = await db.Articles.AsNoTracking().VisibleToReaders(nowUtc)
            .OrderByDescending(a => a.PublishedUtc)
            .Select(a => new { a.Slug, a.UpdatedUtc })
            .ToListAsync(ct);
        var tags = await db.Tags.AsNoTracking()
            .Select(t => new { t.Slug, LastUtc = t.Articles.AsQueryable().Where(PublishingRules.IsVisibleToReadersAt(nowUtc)).Max(a => (DateTime?)a.UpdatedUtc) })
            .Where(t => t.LastUtc != null)
            .ToListAsync(ct);
        var visible = db.Articles.AsNoTracking().VisibleToReaders(nowUtc);
        var authors = await db.ArticleAuthors.AsNoTracking()
            .Join(visible, credit => credit.ArticleId, article => article.Id, (credit, article) => new { credit.User!.AuthorSlug, article.UpdatedUtc })
            .GroupBy(x => x.AuthorSlug)
            .Select(g => new { Slug = g.Key, LastUtc = g.Max(x => x.UpdatedUtc) })
            .ToListAsync(ct);
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var request = context.Request;
        XElement Url(string path, DateTime? lastModifiedUtc) => new(ns + "url",
            new XElement(ns + "loc", urls.Absolute(request, path)),
            lastModifiedUtc is { } at ? new XElement(ns + "lastmod", at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)) : null);
        var sitemap = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(ns + "urlset",
            Url("/", articles.Count > 0 ? articles.Max(a => a.UpdatedUtc) : null),
            articles.Select(a => Url($"/articles/{a.Slug}", a.UpdatedUtc)),
            tags.Select(t => Url($"/tags/{t.Slug}", t.LastUtc)),
            authors.Where(a => a.Slug is not null).Select(a => Url($"/authors/{a.Slug}", a.LastUtc))));
        return Results.Text(sitemap.Declaration + "\n" + sitemap.Root, "application/xml; charset=utf-8");
    }

    private static IResult Xml(SyndicationFeed feed, bool atom)
    {
        var buffer = new StringBuilder();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            SyndicationFeedFormatter formatter = atom ? new Atom10FeedFormatter(feed) : new Rss20FeedFormatter(feed);
            formatter.WriteTo(writer);
        }

        return Results.Text(buffer.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal),
            atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8");
    }
}
