using System.Net;
using Microsoft.Data.Sqlite;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
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

    /// <summary>Restoring is starting the app on the copied file (docs/operations.md).</summary>
    private sealed class RestoredFactory(string databasePath) : MovieNewsFactory($"Data Source={databasePath}");
}
