using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Features.Media;

namespace MovieNews.Web.Data;

/// <summary>
/// <c>backup --to FILE</c>: a consistent copy of the SQLite database taken with SQLite's online backup API,
/// safe while the site is serving (readers and writers carry on; the copy is one point in time).
/// With the file-system media store, the media files are copied into a "media" folder beside the copy: the layout
/// of a data folder, so restoring is putting both back (or starting the app on the copy).
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
            if (services.GetRequiredService<IMediaStore>() is FileSystemMediaStore onDisk)
            {
                await output.WriteLineAsync($"Media files are not in the database here (Media:Store = FileSystem): copy {onDisk.Directory} as well.");
            }

            return 2;
        }

        var target = Path.GetFullPath(args[index + 1]);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var source = new SqliteConnection(db.Database.GetConnectionString());
        await source.OpenAsync();
        var files = services.GetRequiredService<IMediaStore>() as FileSystemMediaStore;
        var mediaCopy = Path.Combine(Path.GetDirectoryName(target)!, "media");
        var copyMedia = files is not null && !SamePath(files.Directory, mediaCopy);

        // Every file there is now, before the snapshot: a picture deleted meanwhile is still in the snapshot and
        // its files are copied already (the library deletes files only after their rows are gone).
        var copied = copyMedia ? await CopyAsync(files!, mediaCopy, null) : 0;
        List<string> referenced;
        await using (var destination = new SqliteConnection($"Data Source={target};Pooling=False"))
        {
            await destination.OpenAsync();
            source.BackupDatabase(destination);
            referenced = await KeysInAsync(destination);
        }

        await output.WriteLineAsync($"Backed up to {target}.");
        if (files is null)
        {
            await output.WriteLineAsync("Media files are stored in the database (Media:Store = Database): they are in the copy.");
            return 0;
        }

        if (!copyMedia)
        {
            await output.WriteLineAsync($"Media files are in {files.Directory}, which is where the copy's media folder would be: nothing to copy.");
            return 0;
        }

        // Then the files of pictures uploaded during the snapshot (the library stores files before their rows).
        copied += await CopyAsync(files!, mediaCopy, referenced);
        var missing = referenced.Where(k => !File.Exists(Path.Combine(mediaCopy, k))).ToList();
        await output.WriteLineAsync($"Copied {copied} media files to {mediaCopy}{(copied == 0 ? " (all were there already)" : "")}.");
        await output.WriteLineAsync($"To restore: put {Path.GetFileName(target)} and the media folder side by side in the data folder (the media folder beside the database file), or set Media:Directory to the media folder.");
        if (missing.Count > 0)
        {
            await output.WriteLineAsync($"Warning: {missing.Count} media files the database names are not in {files.Directory}: {string.Join(", ", missing)}.");
            return 1;
        }

        return 0;
    }

    /// <summary>Copies the given keys (or every key) not already in the copy's folder; keys are content hashes, so a file there is the same file.</summary>
    private static async Task<int> CopyAsync(FileSystemMediaStore files, string directory, IReadOnlyCollection<string>? keys)
    {
        var copy = new FileSystemMediaStore(directory);
        var count = 0;
        var wanted = keys ?? await ToListAsync(files.KeysAsync(CancellationToken.None));
        foreach (var key in wanted)
        {
            if (File.Exists(Path.Combine(directory, key)) || await files.ReadAsync(key, CancellationToken.None) is not { } content)
            {
                continue;
            }

            await copy.SaveAsync(key, content, CancellationToken.None);
            count++;
        }

        return count;
    }

    private static async Task<List<string>> KeysInAsync(SqliteConnection copy)
    {
        await using var command = copy.CreateCommand();
        command.CommandText = "SELECT DISTINCT \"Key\" FROM \"MediaVariants\";";
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (MediaAddresses.IsKey(reader.GetString(0)))
            {
                keys.Add(reader.GetString(0));
            }
        }

        return keys;
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> keys)
    {
        var list = new List<string>();
        await foreach (var key in keys)
        {
            list.Add(key);
        }

        return list;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
