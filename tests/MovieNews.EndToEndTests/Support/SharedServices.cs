using Npgsql;

namespace MovieNews.EndToEndTests.Support;

/// <summary>
/// A database of the test's own on the PostgreSQL server test.sh starts (<c>MOVIENEWS_TEST_POSTGRES</c>), and a key
/// prefix of its own in its Redis (<c>MOVIENEWS_TEST_REDIS</c>): the settings for app processes that share them.
/// </summary>
public sealed class SharedServices : IDisposable
{
    private readonly string _id = Guid.NewGuid().ToString("N");

    public static string? PostgresServer => Environment.GetEnvironmentVariable("MOVIENEWS_TEST_POSTGRES") is { Length: > 0 } s ? s : null;
    public static string? Redis => Environment.GetEnvironmentVariable("MOVIENEWS_TEST_REDIS") is { Length: > 0 } s ? s : null;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresServer) { Database = $"movienews_e2e_{_id}" }.ConnectionString;

    /// <summary>Settings (as environment variables) for an app instance on this database and Redis.</summary>
    public Dictionary<string, string> AppSettings => new()
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__MovieNews"] = ConnectionString,
        ["Redis__Configuration"] = Redis!,
        ["Redis__InstanceName"] = $"e2e-{_id}:",
    };

    /// <summary>True when one of this test's keys in Redis contains <paramref name="fragment"/>.</summary>
    public async Task<bool> HasRedisKeyAsync(string fragment)
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Redis!);
        return redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: $"e2e-{_id}:*")
            .Any(key => key.ToString().Contains(fragment, StringComparison.OrdinalIgnoreCase));
    }

    public List<T> Query<T>(string sql, Func<System.Data.Common.DbDataReader, T> read)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        return Rows.Read(connection, sql, read);
    }

    public void Dispose()
    {
        using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString);
        server.Open();
        using var drop = server.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"movienews_e2e_{_id}\" WITH (FORCE);";
        drop.ExecuteNonQuery();
    }
}

/// <summary>Needs the PostgreSQL server and Redis that ./test.sh starts; skipped, saying so, when run without them.</summary>
public sealed class SharedServicesFactAttribute : FactAttribute
{
    public SharedServicesFactAttribute()
    {
        if (SharedServices.PostgresServer is null || SharedServices.Redis is null)
        {
            Skip = "Needs MOVIENEWS_TEST_POSTGRES and MOVIENEWS_TEST_REDIS: ./test.sh starts both servers and sets them.";
        }
    }
}
