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
    private int _count;

    public int Count => _count;

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
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
}
