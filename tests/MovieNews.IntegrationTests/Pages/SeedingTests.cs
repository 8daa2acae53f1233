using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Seeding;

namespace MovieNews.IntegrationTests.Pages;

public sealed class SeedingTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    [Fact]
    public async Task First_start_imports_every_seed_article()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();

        Assert.Equal(14, await db.Articles.CountAsync());
        Assert.True(await db.Articles.AnyAsync(a => a.Slug == "will-there-be-a-purple-hearts-2"));
    }

    [Fact]
    public async Task This_engines_migrations_match_the_model_and_are_all_applied()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration for this engine (dotnet ef migrations add, once per context).");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Importing_again_creates_nothing_new()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        var articles = await db.Articles.CountAsync();
        var tags = await db.Tags.CountAsync();

        var imported = await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(CancellationToken.None);

        Assert.Equal(0, imported);
        Assert.Equal(articles, await db.Articles.CountAsync());
        Assert.Equal(tags, await db.Tags.CountAsync());
    }

    [Fact]
    public async Task A_second_start_on_the_same_database_creates_nothing_new()
    {
        using var secondStart = new SameDatabaseFactory(factory.ConnectionString);
        _ = secondStart.CreateClient();

        await using var scope = secondStart.Services.CreateAsyncScope();
        Assert.Equal(14, await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Articles.CountAsync());
    }

    [Fact]
    public void A_malformed_seed_file_stops_start_up_naming_the_file_and_the_problem()
    {
        using var broken = new BrokenSeedFactory();

        var error = Assert.Throws<SeedFormatException>(() => broken.CreateClient());

        Assert.Equal("broken.md", error.FileName);
        Assert.Contains("'author' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_start_with_hold_everything_on_still_imports_the_seed_threads_as_they_were()
    {
        using var holding = new HoldEverythingFactory();
        _ = holding.CreateClient();

        await using var scope = holding.Services.CreateAsyncScope();
        var comments = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Comments;
        Assert.Equal(59, await comments.CountAsync(c => c.Status == CommentStatus.Approved));
        Assert.True(await comments.AnyAsync(c => c.ParentId != null));
    }

    private sealed class HoldEverythingFactory : MovieNewsFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Moderation:HoldAll"] = "true",
            ["Moderation:HoldFirstComment"] = "true",
        };
    }

    private sealed class BrokenSeedFactory : MovieNewsFactory
    {
        public BrokenSeedFactory()
        {
            var articles = Directory.CreateDirectory(Path.Combine(DataDirectory, "seeds", "articles"));
            File.WriteAllText(Path.Combine(articles.FullName, "broken.md"), "---\ntitle: No author\npublished: 2022-01-01\n---\nBody\n");
        }

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Seeds:Path"] = Path.Combine(DataDirectory, "seeds"),
        };
    }
}
