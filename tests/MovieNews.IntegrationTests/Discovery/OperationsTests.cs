using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.TestSupport;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Media;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Discovery;

public sealed class OperationsTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    [Fact]
    public async Task Liveness_and_readiness_answer_healthy()
    {
        var client = factory.CreateBrowserClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [SqliteFact]
    public async Task Readiness_fails_while_the_database_is_gone()
    {
        var client = factory.CreateBrowserClient();
        var moved = factory.DataDirectory + "-away";
        Directory.Move(factory.DataDirectory, moved);
        try
        {
            SqliteConnection.ClearAllPools();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            Directory.Move(moved, factory.DataDirectory);
            SqliteConnection.ClearAllPools();
        }
    }

    [SqliteFact]
    public async Task An_online_backup_taken_while_comments_are_posted_is_consistent_and_restorable()
    {
        var target = Path.Combine(factory.DataDirectory, "backups", "copy.db");
        // The site is up (migrated and seeded) before the backup starts, as it is when an operator takes one.
        await factory.CreateBrowserClient().GetOkPageAsync("/");
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var client = factory.CreateBrowserClient("203.0.113.90");
            var page = await client.GetOkPageAsync("/articles/will-there-be-a-purple-hearts-2");
            for (var i = 0; !stop.IsCancellationRequested && i < 200; i++)
            {
                await client.SubmitCommentFormAsync(page, Comment($"During the backup {i}"));
            }
        });

        var exit = await BackupCommand.RunAsync(factory.Services, ["backup", "--to", target], TextWriter.Null);
        await stop.CancelAsync();
        await writer;

        Assert.Equal(0, exit);
        using var copy = new SqliteConnection($"Data Source={target};Pooling=False;Mode=ReadOnly");
        copy.Open();
        using var check = copy.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", check.ExecuteScalar());
        check.CommandText = "SELECT COUNT(*) FROM Articles;";
        Assert.True((long)check.ExecuteScalar()! >= 14);

        using var restored = new RestoredFactory(target);
        Assert.Equal(HttpStatusCode.OK, (await restored.CreateBrowserClient().GetAsync("/articles/will-there-be-a-purple-hearts-2")).StatusCode);
    }

    [SqliteFact]
    public async Task A_backup_copies_the_media_files_beside_the_database_and_the_restored_copy_serves_them()
    {
        var variants = await UploadedVariantsAsync(factory, "backed-up.jpg");
        var target = Path.Combine(factory.DataDirectory, "media-backups", "copy.db");
        using var output = new StringWriter();

        var exit = await BackupCommand.RunAsync(factory.Services, ["backup", "--to", target], output);

        Assert.Equal(0, exit);
        var copied = Path.Combine(factory.DataDirectory, "media-backups", "media");
        foreach (var variant in variants)
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(factory.DataDirectory, "media", variant.Key)), await File.ReadAllBytesAsync(Path.Combine(copied, variant.Key)));
        }

        Assert.Contains($"media files to {copied}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("To restore", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(copied, ".*"));
        using var restored = new RestoredFactory(target);
        var reader = restored.CreateBrowserClient();
        foreach (var variant in variants)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(variant.Url)).StatusCode);
        }
    }

    [SqliteFact]
    public async Task A_second_backup_into_the_same_folder_copies_only_new_files()
    {
        await UploadedVariantsAsync(factory, "first.jpg");
        var target = Path.Combine(factory.DataDirectory, "nightly", "monday.db");
        await BackupCommand.RunAsync(factory.Services, ["backup", "--to", target], TextWriter.Null);
        using var output = new StringWriter();

        var exit = await BackupCommand.RunAsync(factory.Services, ["backup", "--to", Path.Combine(factory.DataDirectory, "nightly", "tuesday.db")], output);

        Assert.Equal(0, exit);
        Assert.Contains("Copied 0 media files", output.ToString(), StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task With_pictures_in_the_database_the_backup_holds_them_and_writes_no_media_folder()
    {
        using var rows = new DatabaseStoreFactory();
        var variants = await UploadedVariantsAsync(rows, "in-rows.jpg");
        var target = Path.Combine(rows.DataDirectory, "backups", "copy.db");
        using var output = new StringWriter();

        var exit = await BackupCommand.RunAsync(rows.Services, ["backup", "--to", target], output);

        Assert.Equal(0, exit);
        Assert.Contains("stored in the database", output.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(rows.DataDirectory, "backups", "media")));
        using var restored = new RestoredDatabaseStoreFactory(target);
        Assert.Equal(HttpStatusCode.OK, (await restored.CreateBrowserClient().GetAsync(variants[0].Url)).StatusCode);
    }

    [PostgresFact]
    public async Task Backup_on_postgresql_points_to_pg_dump_and_writes_nothing()
    {
        var target = Path.Combine(factory.DataDirectory, "backups", "copy.db");
        using var output = new StringWriter();

        var exit = await BackupCommand.RunAsync(factory.Services, ["backup", "--to", target], output);

        Assert.Equal(2, exit);
        Assert.Contains("pg_dump", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    private static async Task<List<MediaVariant>> UploadedVariantsAsync(MovieNewsFactory site, string fileName)
    {
        var upload = await (await site.SignedInAdminAsync()).UploadAsync(TestImages.Jpeg(1200, 800), fileName);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var id = upload.UploadedId();
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().MediaVariants.AsNoTracking().Where(v => v.MediaItemId == id).ToListAsync();
    }

    /// <summary>Restoring is starting the app on the copied file (docs/operations.md); its media folder is the one beside it.</summary>
    private sealed class RestoredFactory(string databasePath) : MovieNewsFactory($"Data Source={databasePath}");

    private sealed class DatabaseStoreFactory : MovieNewsFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Media:Store"] = "Database" };
    }

    private sealed class RestoredDatabaseStoreFactory(string databasePath) : MovieNewsFactory($"Data Source={databasePath}")
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Media:Store"] = "Database" };
    }
}
