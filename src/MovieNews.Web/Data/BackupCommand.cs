using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MovieNews.Web.Data;

/// <summary>
/// <c>backup --to FILE</c>: a consistent copy of the SQLite database taken with SQLite's online backup API,
/// safe while the site is serving (readers and writers carry on; the copy is one point in time).
/// </summary>
public static class BackupCommand
{
    public const string Name = "backup";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var index = Array.IndexOf(args, "--to");
        if (index < 0 || index + 1 >= args.Length || string.IsNullOrWhiteSpace(args[index + 1]))
        {
            await output.WriteLineAsync("Usage: backup --to FILE");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        if (!db.Database.IsSqlite())
        {
            // PostgreSQL has its own consistent online backup; docs/operations.md shows it.
            await output.WriteLineAsync("backup copies a SQLite database. On PostgreSQL use pg_dump --format=custom (see docs/operations.md).");
            return 2;
        }

        var target = Path.GetFullPath(args[index + 1]);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var source = new SqliteConnection(db.Database.GetConnectionString());
        await source.OpenAsync();
        await using (var destination = new SqliteConnection($"Data Source={target};Pooling=False"))
        {
            await destination.OpenAsync();
            source.BackupDatabase(destination);
        }

        await output.WriteLineAsync($"Backed up to {target}.");
        return 0;
    }
}
