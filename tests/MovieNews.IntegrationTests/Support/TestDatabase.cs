using MovieNews.Web.Data;
using Npgsql;

namespace MovieNews.IntegrationTests.Support;

/// <summary>
/// Which engine the suite runs on. test.sh runs it twice: on SQLite (the default), and with
/// <c>MOVIENEWS_TEST_PROVIDER=Postgres</c> on the PostgreSQL server and Redis it started
/// (<c>MOVIENEWS_TEST_POSTGRES</c>, <c>MOVIENEWS_TEST_REDIS</c>).
/// </summary>
public static class TestDatabase
{
    public static DatabaseProvider Provider { get; } =
        Environment.GetEnvironmentVariable("MOVIENEWS_TEST_PROVIDER") is { Length: > 0 } name
            ? Enum.Parse<DatabaseProvider>(name, ignoreCase: true)
            : DatabaseProvider.Sqlite;

    public static bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>Redis goes with the PostgreSQL run: that is the several-instances configuration.</summary>
    public static string? Redis => IsPostgres ? Environment.GetEnvironmentVariable("MOVIENEWS_TEST_REDIS") : null;

    private static string PostgresServer =>
        Environment.GetEnvironmentVariable("MOVIENEWS_TEST_POSTGRES") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                "MOVIENEWS_TEST_PROVIDER=Postgres needs MOVIENEWS_TEST_POSTGRES (a server connection string); ./test.sh starts a server and sets it.");

    /// <summary>A database of the test's own: a file in its folder, or a fresh database on the server (the app creates it when migrating).</summary>
    public static string ConnectionStringFor(DatabaseProvider provider, string dataDirectory, string id) => provider == DatabaseProvider.Postgres
        ? new NpgsqlConnectionStringBuilder(PostgresServer) { Database = $"movienews_{id}", IncludeErrorDetail = true }.ConnectionString
        : $"Data Source={Path.Combine(dataDirectory, "movienews.db")}";

    public static void Drop(string connectionString)
    {
        ClearPool(connectionString);
        OnServer($"DROP DATABASE IF EXISTS \"{NameOf(connectionString)}\" WITH (FORCE);");
    }

    /// <summary>Every new session of the database starts read-only (a storage fault the app must survive), or writable again.</summary>
    public static void SetReadOnly(string connectionString, bool readOnly)
    {
        OnServer($"ALTER DATABASE \"{NameOf(connectionString)}\" SET default_transaction_read_only = {(readOnly ? "on" : "off")};");
        ClearPool(connectionString);
    }

    private static string NameOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

    private static void ClearPool(string connectionString)
    {
        using var pooled = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(pooled);
    }

    private static void OnServer(string sql)
    {
        using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString);
        server.Open();
        using var command = server.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>A test of something only SQLite has (its file, its backup API): skipped on the PostgreSQL run.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.IsPostgres)
        {
            Skip = "SQLite only: this run is on PostgreSQL.";
        }
    }
}

/// <summary>A test of something only PostgreSQL has: skipped on the SQLite run.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.IsPostgres)
        {
            Skip = "PostgreSQL only: this run is on SQLite.";
        }
    }
}
