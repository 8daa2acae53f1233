using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;

namespace MovieNews.IntegrationTests.Discovery;

public sealed class SearchTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private readonly HttpClient _client = factory.CreateBrowserClient();

    [Fact]
    public async Task Search_finds_articles_by_body_words_with_highlighted_snippets()
    {
        var page = await _client.GetOkPageAsync("/search?q=Sofia%20Carson");

        var first = page.QuerySelector(".search-results .article-summary")!;
        Assert.Equal("/articles/will-there-be-a-purple-hearts-2", first.QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Equal(["Sofia", "Carson"], first.QuerySelectorAll(".snippet mark").Select(m => m.TextContent).Take(2));
    }

    [Fact]
    public async Task Title_matches_rank_first()
    {
        var page = await _client.GetOkPageAsync("/search?q=subtitles");

        Assert.Equal("Subtitles are not the enemy", page.QuerySelector(".search-results h2")!.TextContent);
    }

    [Fact]
    public async Task Words_match_by_prefix_and_ignore_case_and_accents()
    {
        var page = await _client.GetOkPageAsync("/search?q=M%C3%9ASICAL");

        Assert.Contains(page.QuerySelectorAll(".search-results h2"), h => h.TextContent == "The return of the movie musical");
    }

    [Fact]
    public async Task Saved_articles_are_searchable_at_once_and_drafts_never()
    {
        await factory.CreateArticleAsync("searchable-zebra", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await factory.CreateArticleAsync("hidden-zebra", ArticleStatus.Draft, null);

        var page = await _client.GetOkPageAsync("/search?q=zebra");

        Assert.Equal(["Test article searchable-zebra"], page.QuerySelectorAll(".search-results h2").Select(h => h.TextContent));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(a b)")]
    [InlineData("title:purple OR body:*")]
    [InlineData("a AND (b")]
    [InlineData("^purple -hearts")]
    [InlineData("*")]
    [InlineData("'; DROP TABLE Articles; --")]
    public async Task Fts_syntax_characters_are_plain_text_not_errors(string query)
    {
        var (response, page) = await _client.GetPageAsync($"/search?q={Uri.EscapeDataString(query)}");

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{response.StatusCode} for {query}");
        Assert.NotNull(page.QuerySelector("main h1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!")]
    public async Task An_empty_query_is_answered_with_a_clear_message(string query)
    {
        var (response, page) = await _client.GetPageAsync($"/search?q={Uri.EscapeDataString(query)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("one or more words", page.QuerySelector(".form-message")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_very_long_query_is_answered_with_a_clear_message()
    {
        var (response, page) = await _client.GetPageAsync($"/search?q={new string('a', 5000)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 200", page.QuerySelector(".form-message")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_are_paginated()
    {
        var first = await _client.GetOkPageAsync("/search?q=the");
        var second = await _client.GetOkPageAsync("/search?q=the&page=2");

        Assert.Equal(10, first.QuerySelectorAll(".search-results li").Length);
        Assert.NotEmpty(second.QuerySelectorAll(".search-results li"));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/search?q=the&page=99")).StatusCode);
    }

    [Fact]
    public async Task Article_text_in_snippets_is_encoded()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ArticleAuthoring>().CreateAsync(
                new ArticleInput("Quokka facts", "quokka-facts", "", "The quokka <img src=x onerror=alert(1)> smiles.", "Tester",
                    ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), []),
                "test",
                CancellationToken.None);
        }

        var page = await _client.GetOkPageAsync("/search?q=quokka");

        Assert.Contains("<img", page.QuerySelector(".snippet")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".snippet img"));
    }
}
