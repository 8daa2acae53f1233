using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MovieNews.IntegrationTests.Support;

/// <summary>
/// The real app on a real SQLite file in its own temp folder; one per test class (xunit runs classes in parallel).
/// </summary>
public class MovieNewsFactory : WebApplicationFactory<Program>
{
    public MovieNewsFactory()
    {
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "movienews-tests", Guid.NewGuid().ToString("N"));
    public string DatabasePath => Path.Combine(DataDirectory, "movienews.db");
    public TestClock Clock { get; } = new();

    public const string AdminEmail = "admin@movienews.test";
    public const string AdminPassword = "correct horse battery staple";

    /// <summary>Extra settings a test class needs, applied over the defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:MovieNews", $"Data Source={DatabasePath}");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(DataDirectory, "keys"));
        // Most tests post several comments in a row from one client; flood tests turn the rule back on.
        builder.UseSetting("Moderation:FloodIntervalSeconds", "0");
        // Tests sign in many times from one address; the rate-limit test sets its own tight limit.
        builder.UseSetting("Accounts:LoginAttemptsPerMinute", "10000");
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
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
