using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Caching;

/// <summary>Counts the SQL commands of one page view: the number must not grow with the number of comments.</summary>
public sealed class CountingFactory : MovieNewsFactory
{
    public CommandCounter Counter { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<MovieNewsDbContext>(options => options.AddInterceptors(Counter));
            services.ConfigureDbContext<PostgresMovieNewsDbContext>(options => options.AddInterceptors(Counter));
        });
    }
}

public sealed class CommandCounter : DbCommandInterceptor
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _commands = new();

    public int Count => _commands.Count;

    /// <summary>The SQL of every command since the last reset.</summary>
    public IReadOnlyCollection<string> Commands => _commands;

    public void Reset() => _commands.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        _commands.Enqueue(command.CommandText);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        _commands.Enqueue(command.CommandText);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public sealed class QueryCountTests(CountingFactory factory) : IClassFixture<CountingFactory>
{
    private async Task<int> CommandsForFirstViewAsync(string slug, int threads, int repliesPerThread)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var poster = factory.CreateBrowserClient("198.51.100.200");
        for (var t = 0; t < threads; t++)
        {
            var parent = CommentQueries.CommentId((await poster.PostCommentAsync($"/articles/{slug}", Comment($"Thread {t} on {slug}"))).Headers.Location!.OriginalString);
            for (var r = 0; r < repliesPerThread; r++)
            {
                parent = CommentQueries.CommentId((await poster.PostCommentAsync($"/articles/{slug}?replyto={parent}", Comment($"Reply {r} in {t} on {slug}"))).Headers.Location!.OriginalString);
            }
        }

        var reader = factory.CreateBrowserClient("198.51.100.201");
        factory.Counter.Reset();
        await reader.GetOkPageAsync($"/articles/{slug}");
        return factory.Counter.Count;
    }

    [Fact]
    public async Task An_article_page_costs_the_same_number_of_queries_with_1_or_60_comments()
    {
        var few = await CommandsForFirstViewAsync("queries-few", threads: 1, repliesPerThread: 0);
        var many = await CommandsForFirstViewAsync("queries-many", threads: 12, repliesPerThread: 4);

        Assert.Equal(few, many);
        Assert.InRange(many, 1, 10);
    }

    [Fact]
    public async Task A_cached_article_page_costs_no_query_at_all()
    {
        await CommandsForFirstViewAsync("queries-cached", threads: 2, repliesPerThread: 1);
        var reader = factory.CreateBrowserClient("198.51.100.202");

        factory.Counter.Reset();
        await reader.GetOkPageAsync("/articles/queries-cached");

        Assert.Equal(0, factory.Counter.Count);
    }

    [Fact]
    public async Task Posting_a_comment_loads_its_article_once()
    {
        await factory.CreateArticleAsync("queries-post", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var reader = factory.CreateBrowserClient("198.51.100.203");
        var page = await reader.GetOkPageAsync("/articles/queries-post");

        factory.Counter.Reset();
        var response = await reader.SubmitCommentFormAsync(page, Comment("Counted"));
        var articleReads = factory.Counter.Commands
            .Where(sql => sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && sql.Contains("FROM \"Articles\"", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(System.Net.HttpStatusCode.SeeOther, response.StatusCode);
        // One read of the four columns a stored comment needs: not the body, the tags or the picture.
        var read = Assert.Single(articleReads);
        Assert.DoesNotContain("\"BodyHtml\"", read, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Tags\"", read, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_comment_reads_the_whole_article_to_show_the_form_again()
    {
        await factory.CreateArticleAsync("queries-refused", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var reader = factory.CreateBrowserClient("198.51.100.204");
        var page = await reader.GetOkPageAsync("/articles/queries-refused");

        var response = await reader.SubmitCommentFormAsync(page, Comment(""));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var shown = await response.Content.ReadAsStringAsync();
        Assert.Contains("Body of queries-refused.", shown, StringComparison.Ordinal);
        Assert.Contains("please correct the fields", shown, StringComparison.Ordinal);
    }
}
