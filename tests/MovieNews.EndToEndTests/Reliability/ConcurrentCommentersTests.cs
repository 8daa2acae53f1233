using Microsoft.Data.Sqlite;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Reliability;

/// <summary>Many commenters at once against the real server process, and the server killed with SIGKILL mid-write.</summary>
public sealed class ConcurrentCommentersTests : IDisposable
{
    private const string Article = "/articles/the-quiet-return-of-the-mid-budget-thriller";
    private readonly string _directory = Directory.CreateTempSubdirectory("movienews-load").FullName;

    [Fact]
    public async Task Twenty_commenters_posting_fifty_comments_each_store_exactly_one_thousand()
    {
        using var app = await AppProcess.StartAsync(_directory);

        var (statuses, ids) = await Crowd.PostAsync([app], Article, commenters: 20, commentsEach: 50);

        Assert.DoesNotContain(statuses, s => s >= 500);
        Assert.Equal(1000, statuses.Count(s => s == 303));
        Assert.Equal(1000, ids.Distinct().Count());
        var bodies = StoredBodies();
        Assert.Equal(1000, bodies.Count(b => b.StartsWith("Comment ", StringComparison.Ordinal)));
        Assert.Equal(1000, bodies.Where(b => b.StartsWith("Comment ", StringComparison.Ordinal)).Distinct().Count());
    }

    [Fact]
    public async Task Every_acknowledged_comment_survives_a_kill_9_and_the_database_stays_intact()
    {
        var acknowledged = await Crowd.KillMidWriteAsync(await AppProcess.StartAsync(_directory), Article);

        using var restarted = await AppProcess.StartAsync(_directory);
        var storedIds = StoredIds();

        Assert.True(acknowledged.Count >= 200);
        Assert.Empty(acknowledged.Except(storedIds));
        Assert.Equal("ok", Scalar("PRAGMA integrity_check;"));
        using var after = await restarted.NewCommenterAsync(Article);
        Assert.Equal(303, (await after.PostAsync("After", "Posting works after the restart")).Status);
    }

    public void Dispose()
    {
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

    private List<string> StoredBodies() => Query("SELECT BodyMarkdown FROM Comments", r => r.GetString(0));

    private HashSet<int> StoredIds() => [.. Query("SELECT Id FROM Comments", r => r.GetInt32(0))];

    private string Scalar(string sql) => Query(sql, r => r.GetString(0)).Single();

    private List<T> Query<T>(string sql, Func<System.Data.Common.DbDataReader, T> read)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "movienews.db")};Pooling=False");
        return Rows.Read(connection, sql, read);
    }
}
