using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Portability;

namespace MovieNews.IntegrationTests.Discovery;

public sealed class WordPressImportTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private static readonly string _sample = Path.Combine(AppContext.BaseDirectory, "data", "wordpress-export.xml");

    private async Task<(int Exit, string Output)> ImportAsync(string file)
    {
        var output = new StringWriter();
        var exit = await WxrImportCommand.RunAsync(factory.Services, ["import-wxr", file], output);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Posts_become_markdown_articles_with_tags_and_comments_keep_threads_and_states()
    {
        var (exit, output) = await ImportAsync(_sample);

        Assert.Equal(0, exit);
        Assert.Matches(@"Imported \d+ articles \(\d+ already present\)", output);
        Assert.Contains("[##############################] 2/2 posts", output, StringComparison.Ordinal);

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/casablanca-at-80");
        Assert.Equal("Casablanca at 80 & still “timeless”", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Here’s looking at you", page.QuerySelector(".article-body h2")!.TextContent);
        Assert.Equal("still", page.QuerySelector(".article-body strong")!.TextContent);
        Assert.Equal("https://example.com/review", page.QuerySelector(".article-body a")!.GetAttribute("href"));
        Assert.Contains("Bogart in the café", page.QuerySelector(".article-body")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("[gallery", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("[caption", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".article-body script"));
        Assert.NotNull(page.QuerySelector(".article-body blockquote"));
        Assert.Equal(["Bogart", "Classics"], page.QuerySelectorAll("article header .tags a").Select(a => a.TextContent));

        Assert.Equal("3 thoughts on “Casablanca at 80 & still “timeless””", page.QuerySelector("#comments-title")!.TextContent);
        Assert.NotNull(page.QuerySelector("#comments > ol > li > details > ol > li > ol > li > article.comment"));
        Assert.Equal("https://ilsa.example/", page.QuerySelector("#comments .comment-author a")!.GetAttribute("href"));
        Assert.Equal("old times'", page.QuerySelector("#comments .comment-body strong")!.TextContent);

        var comments = await factory.CommentsOnAsync("casablanca-at-80");
        Assert.Equal(
            [CommentStatus.Approved, CommentStatus.Approved, CommentStatus.Approved, CommentStatus.Pending, CommentStatus.Spam, CommentStatus.Trash],
            comments.OrderBy(c => c.CreatedUtc).Select(c => c.Status));
        Assert.Equal(new DateTime(2022, 11, 26, 10, 0, 0, DateTimeKind.Utc), comments.Min(c => c.CreatedUtc));
        Assert.DoesNotContain(comments, c => c.ClientHash.Contains("203.0.113.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_draft_stays_a_draft_and_pages_are_not_imported()
    {
        await ImportAsync(_sample);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        var draft = await db.Articles.SingleAsync(a => a.Slug == "draft-notes-on-noir");
        Assert.Equal(ArticleStatus.Draft, draft.Status);
        Assert.False(draft.CommentsOpen);
        Assert.Contains("A second paragraph.", draft.BodyMarkdown, StringComparison.Ordinal);
        Assert.False(await db.Articles.AnyAsync(a => a.Slug == "about"));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync("/articles/draft-notes-on-noir")).StatusCode);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_adds_nothing()
    {
        await ImportAsync(_sample);
        var comments = (await factory.CommentsOnAsync("casablanca-at-80")).Count;

        var (exit, output) = await ImportAsync(_sample);

        Assert.Equal(0, exit);
        Assert.Contains("Imported 0 articles (2 already present) and 0 comments (6 already present)", output, StringComparison.Ordinal);
        Assert.Equal(comments, (await factory.CommentsOnAsync("casablanca-at-80")).Count);
    }

    [Fact]
    public async Task A_malformed_file_is_reported_with_its_line_and_nothing_stays()
    {
        var broken = Path.Combine(factory.DataDirectory, "broken.xml");
        var lines = await File.ReadAllLinesAsync(_sample);
        await File.WriteAllLinesAsync(broken, lines.Take(30).Append("<wp:comment><unclosed>"));
        await using var scope = factory.Services.CreateAsyncScope();
        var before = await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Articles.CountAsync();

        var (exit, output) = await ImportAsync(broken);

        Assert.Equal(1, exit);
        Assert.Matches(@"Line \d+:", output);
        Assert.Contains("Nothing was imported", output, StringComparison.Ordinal);
        Assert.Equal(before, await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Articles.CountAsync());
    }

    [Fact]
    public async Task Over_long_wordpress_values_are_shortened_to_what_the_site_stores()
    {
        var file = Path.Combine(factory.DataDirectory, "long-excerpt.xml");
        var longExcerpt = string.Join(' ', Enumerable.Repeat("endures", 400));
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(_sample))
            .Replace("Why <em>Casablanca</em> endures.", longExcerpt, StringComparison.Ordinal)
            .Replace("casablanca-at-80", "casablanca-long-excerpt", StringComparison.Ordinal));

        var (exit, _) = await ImportAsync(file);

        Assert.Equal(0, exit);
        await using var scope = factory.Services.CreateAsyncScope();
        var article = await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Articles.SingleAsync(a => a.Slug == "casablanca-long-excerpt");
        Assert.Equal(1000, article.Excerpt.Length);
    }

    [Fact]
    public async Task A_post_with_a_bad_date_is_reported_with_its_line()
    {
        var broken = Path.Combine(factory.DataDirectory, "bad-date.xml");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(_sample)).Replace("2022-11-26 09:30:00", "next tuesday", StringComparison.Ordinal));

        var (exit, output) = await ImportAsync(broken);

        Assert.Equal(1, exit);
        Assert.Contains("'next tuesday' is not a date", output, StringComparison.Ordinal);
    }
}

public sealed class WordPressExportTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    [Fact]
    public async Task A_wxr_export_imports_into_an_empty_site_with_the_same_articles_and_comment_threads()
    {
        var file = Path.Combine(factory.DataDirectory, "site.xml");

        Assert.Equal(0, await SiteArchiveCommands.ExportAsync(factory.Services, ["export", "--to", file], TextWriter.Null));
        using var empty = new EmptySiteFactory();
        Assert.Equal(0, await WxrImportCommand.RunAsync(empty.Services, ["import-wxr", file], TextWriter.Null));

        var original = await factory.CommentsOnAsync("will-there-be-a-purple-hearts-2");
        var copy = await empty.CommentsOnAsync("will-there-be-a-purple-hearts-2");
        Assert.Equal(original.Count, copy.Count);
        Assert.Equal(original.Select(c => c.Status), copy.Select(c => c.Status));
        Assert.Equal(original.Count(c => c.ParentId is not null), copy.Count(c => c.ParentId is not null));
        var page = await empty.CreateBrowserClient().GetOkPageAsync("/articles/will-there-be-a-purple-hearts-2");
        Assert.Equal(4, page.QuerySelectorAll(".article-body h2").Length);
        Assert.Equal(2, page.QuerySelectorAll(".article-body blockquote").Length);
        Assert.StartsWith("59 thoughts on", page.QuerySelector("#comments-title")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(14, (await empty.CreateBrowserClient().GetOkPageAsync("/")).QuerySelectorAll(".article-summary").Length
            + (await empty.CreateBrowserClient().GetOkPageAsync("/?page=2")).QuerySelectorAll(".article-summary").Length);
    }
}
