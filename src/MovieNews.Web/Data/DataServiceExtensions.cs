using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Seeding;

namespace MovieNews.Web.Data;

public static class DataServiceExtensions
{
    public const string ConnectionStringName = "MovieNews";
    private const string DefaultConnectionString = "Data Source=data/movienews.db";

    /// <summary>An arbitrary constant naming MovieNews's start-up lock among the server's advisory locks.</summary>
    private const long StartupLockKey = 0x4D6F7669654E;

    public static WebApplicationBuilder AddMovieNewsData(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (DatabaseProviders.From(builder.Configuration) == DatabaseProvider.Postgres)
        {
            var postgres = DatabaseProviders.ValidPostgresConnectionString(configured);
            builder.Services.AddDbContext<MovieNewsDbContext, PostgresMovieNewsDbContext>((services, options) =>
                options.UseNpgsql(postgres).AddInterceptors(services.GetServices<IInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
        }
        else
        {
            var sqlite = ResolveSqlitePath(configured ?? DefaultConnectionString, builder.Environment.ContentRootPath);
            // Options built once (the interceptors are singletons): built per request, EF looked up its
            // internal services by them on every request.
            builder.Services.AddDbContext<MovieNewsDbContext>((services, options) =>
                options.UseSqlite(sqlite).AddInterceptors(services.GetServices<IInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Applies migrations, switches SQLite to WAL, and imports the seeds into an empty database.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        if (db.Database.IsNpgsql())
        {
            // Several instances may start at once against one server: one at a time migrates, seeds and
            // creates the first admin, and the others then find it all done.
            await CreatePostgresDatabaseIfMissingAsync(db);
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({StartupLockKey});");
            try
            {
                await PrepareAsync(scope.ServiceProvider, db);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({StartupLockKey});");
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        // WAL lets readers carry on while a comment is written; the mode is stored in the file itself.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await PrepareAsync(scope.ServiceProvider, db);
    }

    private static async Task CreatePostgresDatabaseIfMissingAsync(MovieNewsDbContext db)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync())
        {
            return;
        }

        try
        {
            await creator.CreateAsync();
        }
        catch (Npgsql.PostgresException e) when (e.SqlState is Npgsql.PostgresErrorCodes.DuplicateDatabase or Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it a moment ago (two CREATE DATABASE at once can also collide on
            // the catalogue's unique index rather than report the duplicate).
        }
    }

    private static async Task PrepareAsync(IServiceProvider services, MovieNewsDbContext db)
    {
        // MigrateAsync also compares the whole model with the last migration's snapshot, a tenth of a second at
        // every start; with nothing to apply it is skipped (the tests check the model and migrations agree).
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            await db.Database.MigrateAsync();
        }

        // The importer and the account services take a while to build (renderer, sanitizers, Identity): only
        // resolved when there is something for them to do.
        if (!await db.Articles.AnyAsync())
        {
            await services.GetRequiredService<SeedImporter>().ImportIfEmptyAsync(CancellationToken.None);
        }

        if (!await FirstAdmin.AdminExistsAsync(db))
        {
            await services.GetRequiredService<FirstAdmin>().EnsureAsync();
        }

        await services.GetRequiredService<Features.Site.SiteSettingsRefresher>().RefreshAsync(db, CancellationToken.None);

        // Articles may have gone live on their schedule while no instance ran.
        await TagCounts.RecountAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, CancellationToken.None);
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
    /// <summary>The folder that holds the SQLite database (or, on PostgreSQL, "data" under the app): other local files go beside it.</summary>
    public static string DataDirectory(IConfiguration configuration, string contentRoot)
    {
        if (DatabaseProviders.From(configuration) == DatabaseProvider.Postgres)
        {
            return Path.Combine(contentRoot, "data");
        }

        var sqlite = new SqliteConnectionStringBuilder(ResolveSqlitePath(configuration.GetConnectionString(ConnectionStringName) ?? DefaultConnectionString, contentRoot));
        return Path.GetDirectoryName(sqlite.DataSource) is { Length: > 0 } folder ? folder : Path.Combine(contentRoot, "data");
    }

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
