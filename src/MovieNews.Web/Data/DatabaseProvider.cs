using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace MovieNews.Web.Data;

/// <summary>The database engine the site runs on, chosen by <c>Database:Provider</c>: SQLite (the default) or PostgreSQL.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseProviders
{
    public const string SettingName = "Database:Provider";

    /// <summary>The configured engine; an unknown name stops the start with a message naming the choices.</summary>
    public static DatabaseProvider From(IConfiguration configuration)
    {
        var name = configuration[SettingName];
        if (string.IsNullOrWhiteSpace(name) || name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Sqlite;
        }

        if (name.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Npgsql", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Postgres;
        }

        throw new InvalidOperationException($"{SettingName} is '{name}': use Sqlite (the default) or Postgres.");
    }

    /// <summary>Checks a PostgreSQL connection string up front, so a SQLite one left in place gets a clear message.</summary>
    public static string ValidPostgresConnectionString(string? connectionString)
    {
        const string advice = "With Database:Provider=Postgres, set ConnectionStrings:MovieNews to a PostgreSQL connection string, "
            + "for example Host=127.0.0.1;Port=5432;Database=movienews;Username=movienews;Password=...";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(advice);
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrEmpty(builder.Host) ? throw new InvalidOperationException(advice) : connectionString;
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{advice} ({e.Message})", e);
        }
    }

    /// <summary>
    /// True when an error means storage cannot serve now (the database read-only, full or unreachable; Redis,
    /// which holds the shared keys, unreachable), not that the request was wrong.
    /// </summary>
    public static bool IsStorageFault(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN, NOTADB (primary codes; extended codes carry them in the low byte).
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is 5 or 6 or 8 or 10 or 13 or 14 or 26:
                // Connection failures, server shutting down, out of disk or connections, read-only transaction.
                case PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                    || postgres.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction:
                case NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException }:
                case StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>Pooled connections opened during a fault may be broken: drop them so recovery needs no restart.</summary>
    public static void ClearPools()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
    }
}

/// <summary>For <c>dotnet ef migrations add X --context PostgresMovieNewsDbContext</c>: building migrations needs no server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMovieNewsDbContext>
{
    public PostgresMovieNewsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMovieNewsDbContext>().UseNpgsql("Host=127.0.0.1;Database=movienews_design").Options);
}

/// <summary>
/// For <c>dotnet ef migrations add X --context MovieNewsDbContext</c>: without a factory of its own the tools
/// would take the PostgreSQL factory above (its context derives from this one) and write PostgreSQL types.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<MovieNewsDbContext>
{
    public MovieNewsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MovieNewsDbContext>().UseSqlite("Data Source=movienews-design.db").Options);
}
