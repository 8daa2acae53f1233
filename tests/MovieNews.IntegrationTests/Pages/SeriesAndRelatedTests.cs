using System.Net;
using MovieNews.IntegrationTests.Support;

namespace MovieNews.IntegrationTests.Pages;

/// <summary>Articles in an ordered series with previous and next, and related reading under each article.</summary>
public sealed class SeriesAndRelatedTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private static async Task<HttpResponseMessage> WriteAsync(HttpClient editor, string slug, string title, string? series, string? part, string tags = "", string status = "Published", string body = "A part of the story.")
    {
        return await editor.SubmitAsync("/admin/articles/edit", "#article-editor", new Dictionary<string, string?>
        {
            ["Input.Title"] = title,
            ["Input.Slug"] = slug,
            ["Input.Body"] = body,
            ["Input.Tags"] = tags,
            ["Input.SeriesTitle"] = series,
            ["Input.SeriesPart"] = part,
        }, $"button[name='Input.Status'][value={status}]");
    }

    [Fact]
    public async Task Parts_link_to_their_neighbours_in_part_order_and_the_series_page_lists_them_all()
    {
        var editor = await factory.SignedInAdminAsync();
        await WriteAsync(editor, "heist-part-two", "The Heist, part two", "The Heist Saga", "2");
        await WriteAsync(editor, "heist-part-one", "The Heist, part one", "The Heist Saga", "1");
        await WriteAsync(editor, "heist-part-three", "The Heist, part three", "The Heist Saga", null);

        var middle = await factory.CreateBrowserClient().GetOkPageAsync("/articles/heist-part-two");
        var first = await factory.CreateBrowserClient().GetOkPageAsync("/articles/heist-part-one");
        var series = await factory.CreateBrowserClient().GetOkPageAsync("/series/the-heist-saga");

        Assert.Contains("Part 2 of 3", middle.QuerySelector(".series-nav h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/articles/heist-part-one", middle.QuerySelector(".series-nav a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/articles/heist-part-three", middle.QuerySelector(".series-nav a[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector(".series-nav a[rel=prev]"));
        Assert.Equal("/series/the-heist-saga", first.QuerySelector(".series-nav h2 a")!.GetAttribute("href"));
        Assert.Equal(["The Heist, part one", "The Heist, part two", "The Heist, part three"], series.Texts(".article-summary h2"));
    }

    [Fact]
    public async Task A_draft_part_is_skipped_and_publishing_it_updates_its_neighbours_cached_pages()
    {
        var editor = await factory.SignedInAdminAsync();
        await WriteAsync(editor, "trilogy-one", "Trilogy one", "Cached Trilogy", "1");
        await WriteAsync(editor, "trilogy-two", "Trilogy two", "Cached Trilogy", "2", status: "Draft");
        var reader = factory.CreateBrowserClient();
        var before = await reader.GetOkPageAsync("/articles/trilogy-one");

        var draft = await editor.GetOkPageAsync("/admin/articles?q=Trilogy two");
        var editUrl = draft.QuerySelector("a[href^='/admin/articles/edit/']")!.GetAttribute("href")!;
        await editor.SubmitAsync(editUrl, "#article-editor", null, "button[name='Input.Status'][value=Published]");
        var after = await reader.GetOkPageAsync("/articles/trilogy-one");

        Assert.Null(before.QuerySelector(".series-nav a[rel=next]"));
        Assert.Contains("Part 1 of 1", before.QuerySelector(".series-nav h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/articles/trilogy-two", after.QuerySelector(".series-nav a[rel=next]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Taking_an_article_out_of_its_series_removes_the_navigation()
    {
        var editor = await factory.SignedInAdminAsync();
        var saved = await WriteAsync(editor, "leaving-series", "Leaving the series", "Short Series", "1");

        await editor.SubmitAsync(saved.Headers.Location!.OriginalString, "#article-editor", new Dictionary<string, string?> { ["Input.SeriesTitle"] = "" }, "button[name='Input.Status'][value=Published]");

        Assert.Null((await factory.CreateBrowserClient().GetOkPageAsync("/articles/leaving-series")).QuerySelector(".series-nav"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000")]
    [InlineData("two")]
    [InlineData("-1")]
    public async Task A_part_that_is_not_a_number_from_1_to_999_is_refused_with_the_form_kept(string part)
    {
        var editor = await factory.SignedInAdminAsync();

        var response = await WriteAsync(editor, $"bad-part-{part.GetHashCode(StringComparison.Ordinal):x}", "Bad part", "Some Series", part);
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#series-part-error"));
        Assert.Equal(part, page.QuerySelector("#Input_SeriesPart")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("/series/no-such-series")]
    [InlineData("/series/not_valid")]
    public async Task Unknown_series_are_404(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Related_articles_share_the_most_tags_first_and_never_include_the_article_itself()
    {
        var editor = await factory.SignedInAdminAsync();
        await WriteAsync(editor, "rel-main", "Casting news for the space opera", null, null, "space-opera, casting, sequels");
        await WriteAsync(editor, "rel-two-tags", "Two shared tags", null, null, "space-opera, casting");
        await WriteAsync(editor, "rel-one-tag", "One shared tag", null, null, "sequels");
        await WriteAsync(editor, "rel-no-tag", "Nothing in common", null, null, "gardening");

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/rel-main");
        var related = page.QuerySelectorAll(".related a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal("/articles/rel-two-tags", related[0]);
        Assert.Contains("/articles/rel-one-tag", related);
        Assert.DoesNotContain("/articles/rel-main", related);
        Assert.True(related.Count <= 3);
    }

    [Fact]
    public async Task Without_shared_tags_the_full_text_index_finds_articles_about_the_same_words()
    {
        var editor = await factory.SignedInAdminAsync();
        await WriteAsync(editor, "ft-main", "Zanzibarian lighthouse documentary premieres", null, null, body: "A film about a lighthouse.");
        await WriteAsync(editor, "ft-match", "Behind the zanzibarian shoot", null, null, body: "The crew spent weeks on the island.");

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/ft-main");

        Assert.Contains("/articles/ft-match", page.QuerySelectorAll(".related a").Select(a => a.GetAttribute("href")));
    }
}
