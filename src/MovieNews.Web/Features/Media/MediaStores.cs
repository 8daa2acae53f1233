using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;

namespace MovieNews.Web.Features.Media;

/// <summary>Where the library's files live. Keys are checked by <see cref="MediaAddresses.IsKey"/> before they get here.</summary>
public interface IMediaStore
{
    /// <summary>Stores the file; storing the same key again is harmless (keys are hashes of the content).</summary>
    Task SaveAsync(string key, byte[] content, CancellationToken cancellationToken);

    Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every key stored, for the export and for finding files no picture uses.</summary>
    IAsyncEnumerable<string> KeysAsync(CancellationToken cancellationToken);
}

/// <summary>Files in a folder: the embedded default, beside the SQLite database, so one backup folder holds both.</summary>
public sealed class FileSystemMediaStore(string directory) : IMediaStore
{
    public string Directory { get; } = directory;

    public async Task SaveAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return;
        }

        System.IO.Directory.CreateDirectory(Directory);
        // Written aside and moved into place, so a reader (or a crash) never sees half a file under the real name.
        var partial = Path.Combine(Directory, $".{Guid.NewGuid():N}.partial");
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(key), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> KeysAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            yield break;
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(Directory))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = Path.GetFileName(path);
            if (MediaAddresses.IsKey(key))
            {
                yield return key;
            }
        }

        await Task.CompletedTask;
    }

    private string PathOf(string key) => MediaAddresses.IsKey(key)
        ? Path.Combine(Directory, key)
        : throw new ArgumentException("Not a media key.", nameof(key));
}

/// <summary>Files as rows: every instance on one PostgreSQL server sees every file, and the database backup holds them.</summary>
/// <remarks>Works in a context of its own, so storing a file never saves (or forgets) what the caller is tracking.</remarks>
public sealed class DatabaseMediaStore(IServiceScopeFactory scopes) : IMediaStore
{
    public async Task SaveAsync(string key, byte[] content, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        if (await db.MediaBlobs.AnyAsync(b => b.Key == key, cancellationToken))
        {
            return;
        }

        db.MediaBlobs.Add(new MediaBlob { Key = key, Content = content });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another upload of the same picture may have stored it first; if not, the failure is real.
            db.ChangeTracker.Clear();
            if (!await db.MediaBlobs.AsNoTracking().AnyAsync(b => b.Key == key, cancellationToken))
            {
                throw;
            }
        }
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        return await db.MediaBlobs.AsNoTracking().Where(b => b.Key == key).Select(b => b.Content).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().MediaBlobs.Where(b => b.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    public async IAsyncEnumerable<string> KeysAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        await foreach (var key in db.MediaBlobs.AsNoTracking().Select(b => b.Key).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return key;
        }
    }
}
