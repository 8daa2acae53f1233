using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Seeding;

namespace MovieNews.Web.Data;

public static class DataServiceExtensions
{
    public const string ConnectionStringName = "MovieNews";
    private const string DefaultConnectionString = "Data Source=data/movienews.db";

    public static WebApplicationBuilder AddMovieNewsData(this WebApplicationBuilder builder)
    {
        var connectionString = ResolveSqlitePath(
            builder.Configuration.GetConnectionString(ConnectionStringName) ?? DefaultConnectionString,
            builder.Environment.ContentRootPath);
        builder.Services.AddDbContext<MovieNewsDbContext>(options => options.UseSqlite(connectionString));
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Applies migrations, switches SQLite to WAL, and imports the seeds into an empty database.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        await db.Database.MigrateAsync();
        // WAL lets readers carry on while a comment is written; the mode is stored in the file itself.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportIfEmptyAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<FirstAdmin>().EnsureAsync();
    }

    /// <summary>Runs a command-line command (<c>create-user</c>, <c>generate</c>) instead of serving, when one is given.</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case CreateUserCommand.Name:
                Environment.ExitCode = await CreateUserCommand.RunAsync(app.Services, args, Console.In, Console.Out);
                return true;
            case Features.Portability.SiteArchiveCommands.Export:
                Environment.ExitCode = await Features.Portability.SiteArchiveCommands.ExportAsync(app.Services, args, Console.Out);
                return true;
            case Features.Portability.SiteArchiveCommands.Import:
                Environment.ExitCode = await Features.Portability.SiteArchiveCommands.ImportAsync(app.Services, args, Console.Out);
                return true;
            case Features.Portability.WxrImportCommand.Name:
                Environment.ExitCode = await Features.Portability.WxrImportCommand.RunAsync(app.Services, args, Console.Out);
                return true;
            case BackupCommand.Name:
                Environment.ExitCode = await BackupCommand.RunAsync(app.Services, args, Console.Out);
                return true;
            case ArchiveGenerator.Name:
                Environment.ExitCode = await ArchiveGenerator.RunAsync(app.Services, args, Console.Out);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// A relative SQLite path would follow the process's working directory; anchor it to the content root
    /// instead, and make sure its folder exists.
    /// </summary>
    internal static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } source && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal))
        {
            var fullPath = Path.GetFullPath(source, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            csb.DataSource = fullPath;
        }

        return csb.ToString();
    }
}
