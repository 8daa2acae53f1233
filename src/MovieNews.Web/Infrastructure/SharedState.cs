using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MovieNews.Web.Infrastructure.Caching;
using StackExchange.Redis;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// What several app instances must share. On one machine: data-protection keys (which sign antiforgery tokens,
/// sign-in and commenter cookies) in <c>data/keys</c> (<c>DataProtection:KeysPath</c>), and the output cache in
/// memory. With <c>Redis:Configuration</c> set, both move to Redis, so every instance behind a load balancer
/// accepts the others' cookies and a change evicts cached pages for all of them.
/// </summary>
public static class SharedState
{
    public const string RedisSetting = "Redis:Configuration";

    public static WebApplicationBuilder AddSharedState(this WebApplicationBuilder builder)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("MovieNews");
        var redis = builder.Configuration[RedisSetting];
        if (string.IsNullOrWhiteSpace(redis))
        {
            var keysPath = Path.GetFullPath(
                builder.Configuration["DataProtection:KeysPath"] ?? Path.Combine("data", "keys"),
                builder.Environment.ContentRootPath);
            dataProtection.PersistKeysToFileSystem(Directory.CreateDirectory(keysPath));
            return builder;
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(redis);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{RedisSetting} is not a Redis configuration string (host:port[,options]): {e.Message}", e);
        }

        // Start even while Redis is away; /health/ready reports it, and the connection recovers by itself.
        options.AbortOnConnectFail = false;
        var prefix = builder.Configuration["Redis:InstanceName"] ?? "movienews:";
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((keys, services) =>
            keys.XmlRepository = new RedisXmlRepository(
                () => services.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), prefix + "data-protection-keys"));
        builder.Services.AddStackExchangeRedisOutputCache(cache => cache.InstanceName = prefix + "pages:");
        builder.Services.AddOptions<RedisOutputCacheOptions>().Configure<IServiceProvider>((cache, services) =>
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>()));
        // The Redis store, wrapped so an outage degrades to no caching. Registered before AddOutputCache,
        // whose in-memory store is only added when no store is.
        var redisStore = builder.Services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        builder.Services.Remove(redisStore);
        builder.Services.AddSingleton<IOutputCacheStore>(services => new FailSoftOutputCacheStore(
            (IOutputCacheStore)(redisStore.ImplementationFactory?.Invoke(services)
                ?? ActivatorUtilities.CreateInstance(services, redisStore.ImplementationType!)),
            services.GetRequiredService<IConnectionMultiplexer>(),
            services.GetRequiredService<ILogger<FailSoftOutputCacheStore>>()));
        builder.Services.AddHealthChecks().AddCheck<RedisReady>("redis", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    private sealed class RedisReady(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var latency = await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms.");
            }
            catch (RedisException e)
            {
                return HealthCheckResult.Unhealthy("Redis cannot be reached.", e);
            }
        }
    }
}
