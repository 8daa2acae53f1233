using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MovieNews.Web.Infrastructure.Caching;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

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
        EncryptKeysAtRest(dataProtection, builder.Configuration, builder.Environment);
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
        builder.Services.AddPageCacheInRedis(prefix);
        builder.Services.AddHealthChecks().AddCheck<RedisReady>("redis", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    public const string CertificateSetting = "DataProtection:CertificatePath";

    /// <summary>
    /// With <c>DataProtection:CertificatePath</c> (a PKCS#12 file with its private key; <c>DataProtection:CertificatePassword</c>
    /// if it has one), the keys are stored encrypted with it, in the folder or in Redis alike: whoever reads the store
    /// cannot forge sign-ins without the certificate. Without it the keys are stored as they are (ASP.NET Core warns at
    /// start); docs/operations.md says when that is acceptable.
    /// </summary>
    private static void EncryptKeysAtRest(IDataProtectionBuilder dataProtection, ConfigurationManager configuration, IHostEnvironment environment)
    {
        if (configuration[CertificateSetting] is not { Length: > 0 } path)
        {
            return;
        }

        var file = Path.GetFullPath(path, environment.ContentRootPath);
        System.Security.Cryptography.X509Certificates.X509Certificate2 certificate;
        try
        {
            certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                file, configuration["DataProtection:CertificatePassword"]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"{CertificateSetting} is “{file}”, which could not be read as a PKCS#12 certificate with its private key: {e.Message}", e);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{CertificateSetting}: the certificate in “{file}” has no private key, so the keys it encrypts could not be read back.");
        }

        dataProtection.ProtectKeysWithCertificate(certificate);
    }

    /// <summary>
    /// Pages in memory in front of Redis (<see cref="TwoLevelOutputCacheStore"/>), wrapped so an outage degrades to no
    /// caching: while Redis is away an eviction cannot reach the other instances, so no instance serves from memory.
    /// Registered before AddOutputCache, whose in-memory store is only added when no store is.
    /// </summary>
    private static void AddPageCacheInRedis(this IServiceCollection services, string prefix)
    {
        Task<IConnectionMultiplexer> Shared(IServiceProvider provider) => Task.FromResult(provider.GetRequiredService<IConnectionMultiplexer>());
        services.AddFusionCache()
            .WithOptions(options =>
            {
                options.BackplaneChannelPrefix = prefix + "pages";
                options.WaitForInitialBackplaneSubscribe = true;
                // A tag's eviction time is kept in memory for a minute at most: an announcement lost while Redis was
                // away keeps a stale page in another instance's memory no longer than that.
                options.TagsDefaultEntryOptions.MemoryCacheDuration = TimeSpan.FromMinutes(1);
                options.TagsDefaultEntryOptions.Size = 1;
                options.TagsDefaultEntryOptions.AllowBackgroundBackplaneOperations = false;
            })
            .WithDefaultEntryOptions(entry =>
            {
                entry.Size = 1;
                entry.IsFailSafeEnabled = false;
                entry.AllowBackgroundBackplaneOperations = false;
            })
            .WithMemoryCache(new MemoryCache(new MemoryCacheOptions { SizeLimit = ReaderPageCache.MemoryBytes }))
            .WithSerializer(new FusionCacheSystemTextJsonSerializer())
            .WithDistributedCache(provider => new RedisCache(new RedisCacheOptions
            {
                InstanceName = prefix + "pages:",
                ConnectionMultiplexerFactory = () => Shared(provider),
            }))
            .WithBackplane(provider => new RedisBackplane(new RedisBackplaneOptions { ConnectionMultiplexerFactory = () => Shared(provider) }));
        services.AddSingleton<IOutputCacheStore>(provider => new FailSoftOutputCacheStore(
            new TwoLevelOutputCacheStore(provider.GetRequiredService<IFusionCache>()),
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<ILogger<FailSoftOutputCacheStore>>()));
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
