using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MovieNews.EndToEndTests.Support;

/// <summary>The real app on a real Kestrel port with its own temp database, and Debian's Chromium driven by Playwright.</summary>
public class LiveSite : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@movienews.test";
    public const string AdminPassword = "correct horse battery staple";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "movienews-e2e", Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public LiveSite()
    {
        Directory.CreateDirectory(_directory);
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    public string BaseUrl { get; }
    public IBrowser Browser { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:MovieNews", $"Data Source={Path.Combine(_directory, "movienews.db")}");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(_directory, "keys"));
        builder.UseSetting("Moderation:FloodIntervalSeconds", "0");
        builder.UseSetting("Moderation:DuplicateWindowMinutes", "0");
        builder.UseSetting("Accounts:LoginAttemptsPerMinute", "10000");
        builder.UseSetting("Comments:PostAttemptsPerMinute", "100000");
        // Like counts reach the page in batches; a short interval keeps the journeys quick.
        builder.UseSetting("Comments:LikeFlushSeconds", "1");
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseUrls("http://127.0.0.1:0");
    }

    /// <summary>Settings a site of its own needs over the defaults (the default site has the flood and duplicate rules off).</summary>
    protected virtual IDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public new async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    public async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, JavaScriptEnabled = javaScript });
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignedInAdminPageAsync() => await SignInAsAdminAsync(await NewPageAsync());

    /// <summary>Signs the page's browser context in as the site's admin, through the sign-in form.</summary>
    public static async Task<IPage> SignInAsAdminAsync(IPage page)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Email", AdminEmail);
        await page.FillAsync("#Password", AdminPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/admin");
        return page;
    }

    /// <summary>Runs one journey; on failure a screenshot goes to TestResults/screenshots before the failure is reported.</summary>
    public static async Task JourneyAsync(IPage page, string name, Func<Task> journey)
    {
        try
        {
            await journey();
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
            throw;
        }
    }

    /// <summary>The repository's tests/tools folder (npm checkers), found from the test binaries.</summary>
    public static string ToolsFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var tools = Path.Combine(dir.FullName, "tests", "tools", "node_modules");
                if (Directory.Exists(tools))
                {
                    return tools;
                }
            }

            throw new DirectoryNotFoundException("tests/tools/node_modules is missing: run ./test.sh (it runs npm ci there).");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LiveSiteCollection : ICollectionFixture<LiveSite>
{
    public const string Name = "live site";
}

/// <summary>A live site with the flood rule (3 s, short enough to wait out for real) and the duplicate rule on.</summary>
public sealed class StrictLiveSite : LiveSite
{
    public const int FloodSeconds = 3;

    protected override IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Moderation:FloodIntervalSeconds"] = FloodSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Moderation:DuplicateWindowMinutes"] = "10",
    };
}

[CollectionDefinition(Name)]
public sealed class StrictLiveSiteCollection : ICollectionFixture<StrictLiveSite>
{
    public const string Name = "strict live site";
}

/// <summary>A live site in its second language (<c>Site:Language=de</c>).</summary>
public sealed class GermanLiveSite : LiveSite
{
    protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["Site:Language"] = "de" };
}

[CollectionDefinition(Name)]
public sealed class GermanLiveSiteCollection : ICollectionFixture<GermanLiveSite>
{
    public const string Name = "german live site";
}
