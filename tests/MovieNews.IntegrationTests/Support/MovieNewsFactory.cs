using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MovieNews.Web.Data;

namespace MovieNews.IntegrationTests.Support;

/// <summary>
/// The real app on a database of its own, one per test class (xunit runs classes in parallel): a real SQLite
/// file in a temp folder, or, when the suite runs on PostgreSQL (<see cref="TestDatabase"/>), a database of its
/// own on the test server, with the output cache and data-protection keys in Redis under a prefix of its own.
/// </summary>
public class MovieNewsFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDatabase;
    private readonly DatabaseProvider _provider;

    public MovieNewsFactory()
        : this(sharedConnectionString: null)
    {
    }

    /// <summary>A second app on another factory's database (a restart, a restore): it leaves that database alone when disposed.</summary>
    protected MovieNewsFactory(string? sharedConnectionString)
        : this(sharedConnectionString, TestDatabase.Provider)
    {
    }

    /// <summary>An app on the given engine whatever this run's engine is (moving a site between engines).</summary>
    protected MovieNewsFactory(string? sharedConnectionString, DatabaseProvider provider)
    {
        Directory.CreateDirectory(DataDirectory);
        _provider = provider;
        _ownsDatabase = sharedConnectionString is null;
        ConnectionString = sharedConnectionString ?? TestDatabase.ConnectionStringFor(provider, DataDirectory, Id);
    }

    private string Id { get; } = Guid.NewGuid().ToString("N");
    public string DataDirectory => Path.Combine(Path.GetTempPath(), "movienews-tests", Id);
    public string DatabasePath => Path.Combine(DataDirectory, "movienews.db");
    public string ConnectionString { get; }

    /// <summary>This app's keys in the shared test Redis start with this.</summary>
    public string RedisPrefix => $"test-{Id}:";
    public TestClock Clock { get; } = new();

    public const string AdminEmail = "admin@movienews.test";
    public const string AdminPassword = "correct horse battery staple";

    /// <summary>Extra settings a test class needs, applied over the defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:MovieNews", ConnectionString);
        builder.UseSetting("Database:Provider", _provider.ToString());
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(DataDirectory, "keys"));
        if (_provider == DatabaseProvider.Postgres && TestDatabase.Redis is { } redis)
        {
            builder.UseSetting("Redis:Configuration", redis);
            builder.UseSetting("Redis:InstanceName", RedisPrefix);
        }

        // Most tests post several comments in a row from one client; flood tests turn the rule back on.
        builder.UseSetting("Moderation:FloodIntervalSeconds", "0");
        // Tests sign in and post many times from one address; the rate-limit tests set their own tight limits.
        builder.UseSetting("Accounts:LoginAttemptsPerMinute", "10000");
        builder.UseSetting("Comments:PostAttemptsPerMinute", "100000");
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        // Processing the fourteen seed pictures takes seconds per start; the classes that test them turn this on.
        builder.UseSetting("Seeds:Images", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, ThrowingEndpointStartupFilter>();
            services.AddSingleton<IStartupFilter, TestClientAddressStartupFilter>();
        });
    }

    /// <summary>A browser of its own: its own cookies, and (with <paramref name="address"/>) its own IP address.</summary>
    public HttpClient CreateBrowserClient(string address = "203.0.113.1")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestClientAddressStartupFilter.Header, address);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (_ownsDatabase && _provider == DatabaseProvider.Postgres)
        {
            TestDatabase.Drop(ConnectionString);
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request; the OS temp cleaner will take it.
        }
    }
}

/// <summary>A clock the tests move forward; it starts at the real time so seeded dates stay in the past.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>Another app on an existing site's database, as a second instance or a restart would be.</summary>
public sealed class SameDatabaseFactory(string connectionString) : MovieNewsFactory(connectionString);
