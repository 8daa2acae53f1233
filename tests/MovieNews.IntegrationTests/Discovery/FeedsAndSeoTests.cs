using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Discovery;

public sealed class FeedsAndSeoTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Article = "/articles/will-there-be-a-purple-hearts-2";
    private readonly HttpClient _client = factory.CreateBrowserClient();

    private async Task<SyndicationFeed> FeedAsync(string url, string mediaType)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        return SyndicationFeed.Load(reader);
    }

    [Fact]
    public async Task The_rss_feed_parses_back_with_the_newest_published_articles()
    {
        var feed = await FeedAsync("/feed.xml", "application/rss+xml");

        Assert.Equal("The return of the movie musical", feed.Items.First().Title.Text);
        Assert.Contains(feed.Items, i => i.Links.Any(l => l.Uri.AbsolutePath == Article));
        Assert.All(feed.Items, i => Assert.NotEqual(default, i.PublishDate));
    }

    [Fact]
    public async Task The_atom_feed_parses_back_with_content_authors_and_categories()
    {
        var feed = await FeedAsync("/atom.xml", "application/atom+xml");

        var item = feed.Items.Single(i => i.Links.Any(l => l.Uri.AbsolutePath == Article));
        Assert.Equal("MovieNews Staff", item.Authors.Single().Name);
        Assert.Contains(item.Categories, c => c.Name == "netflix");
        Assert.Contains("What is Purple Hearts about?", ((TextSyndicationContent)item.Content).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drafts_and_future_articles_stay_out_of_the_feeds_and_sitemap()
    {
        await factory.CreateArticleAsync("feed-draft", ArticleStatus.Draft, null);
        await factory.CreateArticleAsync("feed-future", ArticleStatus.Scheduled, factory.Clock.GetUtcNow().UtcDateTime.AddDays(3));

        var rss = await _client.GetStringAsync("/feed.xml");
        var sitemap = await _client.GetStringAsync("/sitemap.xml");

        Assert.DoesNotContain("feed-draft", rss + sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain("feed-future", rss + sitemap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_article_has_a_comments_feed_of_its_approved_comments()
    {
        var feed = await FeedAsync($"{Article}/comments.xml", "application/rss+xml");

        Assert.Equal(50, feed.Items.Count());
        Assert.DoesNotContain(feed.Items, i => ((TextSyndicationContent)i.Summary).Text.Contains("fuck off", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/articles/no-such-article/comments.xml")).StatusCode);
    }

    [Fact]
    public async Task The_sitemap_lists_published_articles_and_tags_with_lastmod()
    {
        var response = await _client.GetAsync("/sitemap.xml");
        var sitemap = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

        var urls = sitemap.Descendants(ns + "url").ToList();
        Assert.Contains(urls, u => u.Element(ns + "loc")!.Value.EndsWith(Article, StringComparison.Ordinal) && u.Element(ns + "lastmod") is not null);
        Assert.Contains(urls, u => u.Element(ns + "loc")!.Value.EndsWith("/tags/netflix", StringComparison.Ordinal));
        Assert.True(urls.Count >= 1 + 14);
    }

    [Fact]
    public async Task Robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin()
    {
        var robots = await _client.GetStringAsync("/robots.txt");

        Assert.Contains("Disallow: /admin", robots, StringComparison.Ordinal);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_article_page_has_canonical_open_graph_twitter_and_json_ld()
    {
        var page = await _client.GetOkPageAsync(Article);

        Assert.Equal($"http://localhost{Article}", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("Will there be a Purple Hearts 2? Here’s what we know about a sequel:", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal("summary", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var root = json.RootElement;
        Assert.Equal("Article", root.GetProperty("@type").GetString());
        Assert.Equal("MovieNews Staff", root.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(59, root.GetProperty("commentCount").GetInt32());
        // No comment is picked or liked yet: the count stands for them all, the page shows them.
        Assert.False(root.TryGetProperty("comment", out _));
    }

    [Fact]
    public async Task A_hostile_title_or_comment_cannot_break_out_of_the_json_ld()
    {
        await factory.CreateArticleAsync("jsonld-breakout", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await factory.CreateBrowserClient("203.0.113.77").PostCommentAsync("/articles/jsonld-breakout", Comment("x", name: "</script><script>alert(1)</script>"));

        var html = await factory.CreateBrowserClient("203.0.113.78").GetStringAsync("/articles/jsonld-breakout");
        var page = await factory.CreateBrowserClient("203.0.113.78").GetOkPageAsync("/articles/jsonld-breakout");

        Assert.DoesNotContain("</script><script>alert(1)", html, StringComparison.Ordinal);
        Inert.AssertNoScript(page, "JSON-LD breakout");
    }
}
