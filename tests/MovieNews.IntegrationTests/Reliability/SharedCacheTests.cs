using System.Net;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Infrastructure.Caching;
using StackExchange.Redis;

namespace MovieNews.IntegrationTests.Reliability;

/// <summary>With Redis:Configuration set (the PostgreSQL run), cached pages and data-protection keys live in Redis.</summary>
public sealed class SharedCacheTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    [PostgresFact]
    public async Task Cached_pages_and_data_protection_keys_are_kept_in_redis()
    {
        var client = factory.CreateBrowserClient();
        await client.GetOkPageAsync("/");
        await client.GetOkPageAsync("/articles/will-there-be-a-purple-hearts-2");

        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestDatabase.Redis!);
        var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: factory.RedisPrefix + "*").Select(k => k.ToString()).ToList();

        Assert.IsType<FailSoftOutputCacheStore>(factory.Services.GetRequiredService<IOutputCacheStore>());
        Assert.Contains(factory.RedisPrefix + "data-protection-keys", keys);
        Assert.Contains(keys, k => k.Contains("/articles/will-there-be-a-purple-hearts-2", StringComparison.OrdinalIgnoreCase));
    }

    [PostgresFact]
    public async Task Readiness_includes_redis()
    {
        var ready = await factory.CreateBrowserClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}

/// <summary>
/// Redis configured but unreachable: reading pages are served uncached; pages and posts that need the shared
/// data-protection keys answer 503 with Retry-After (never 500); readiness says what is wrong.
/// </summary>
public sealed class RedisUnavailableTests(RedisUnavailableTests.DeadRedisFactory factory) : IClassFixture<RedisUnavailableTests.DeadRedisFactory>
{
    [Fact]
    public async Task Pages_without_forms_are_served_without_the_cache_while_redis_is_unreachable()
    {
        var client = factory.CreateBrowserClient();

        await client.GetOkPageAsync("/");
        await client.GetOkPageAsync("/");
        await client.GetOkPageAsync("/tags");
    }

    [Fact]
    public async Task Readers_read_and_comment_while_redis_is_unreachable()
    {
        var reader = factory.CreateBrowserClient("198.51.100.90");

        var posted = await reader.PostCommentAsync("/articles/will-there-be-a-purple-hearts-2", CommentForms.Comment("Still here without Redis"));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
    }

    [Fact]
    public async Task Pages_that_need_the_shared_keys_answer_503_with_retry_after()
    {
        var signIn = await factory.CreateBrowserClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
        Assert.True(signIn.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Readiness_fails_while_redis_is_unreachable_and_liveness_does_not()
    {
        var client = factory.CreateBrowserClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    public sealed class DeadRedisFactory : MovieNewsFactory
    {
        // Port 1 on loopback: nothing listens there, so every connection attempt is refused at once.
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = "127.0.0.1:1,connectTimeout=500,syncTimeout=1000,asyncTimeout=1000",
        };
    }
}
