using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using MovieNews.Web.Data;
using Npgsql;

namespace MovieNews.UnitTests.Data;

public sealed class DatabaseProvidersTests
{
    private static IConfiguration Settings(string? provider) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseProviders.SettingName] = provider }).Build();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sqlite")]
    [InlineData("Sqlite")]
    public void Sqlite_is_the_default_and_any_spelling_of_it_counts(string? name) =>
        Assert.Equal(DatabaseProvider.Sqlite, DatabaseProviders.From(Settings(name)));

    [Theory]
    [InlineData("Postgres")]
    [InlineData("postgresql")]
    [InlineData("Npgsql")]
    public void Postgres_is_recognised_by_its_usual_names(string name) =>
        Assert.Equal(DatabaseProvider.Postgres, DatabaseProviders.From(Settings(name)));

    [Fact]
    public void An_unknown_provider_stops_the_start_naming_the_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseProviders.From(Settings("mysql")));

        Assert.Contains("Sqlite", error.Message, StringComparison.Ordinal);
        Assert.Contains("Postgres", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Data Source=data/movienews.db")]
    [InlineData("Database=movienews")]
    public void A_connection_string_that_is_not_for_postgresql_is_refused_with_an_example(string? connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseProviders.ValidPostgresConnectionString(connectionString));

        Assert.Contains("Host=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgresql_connection_string_is_kept_as_it_is()
    {
        const string connectionString = "Host=127.0.0.1;Port=5432;Database=movienews;Username=movienews";

        Assert.Equal(connectionString, DatabaseProviders.ValidPostgresConnectionString(connectionString));
    }

    [Theory]
    [InlineData("08006")] // connection failure
    [InlineData("53100")] // disk full
    [InlineData("57P01")] // administrator shutdown
    [InlineData("25006")] // read-only transaction
    public void Postgresql_errors_that_mean_cannot_serve_now_are_storage_faults(string sqlState) =>
        Assert.True(DatabaseProviders.IsStorageFault(new InvalidOperationException("wrapped", new PostgresException("fault", "ERROR", "ERROR", sqlState))));

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("42P01")] // undefined table
    [InlineData("22021")] // bad byte sequence
    public void Postgresql_errors_about_the_request_or_the_code_are_not(string sqlState) =>
        Assert.False(DatabaseProviders.IsStorageFault(new PostgresException("fault", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void A_read_only_sqlite_file_is_a_storage_fault() =>
        Assert.True(DatabaseProviders.IsStorageFault(new SqliteException("attempt to write a readonly database", 8)));
}
