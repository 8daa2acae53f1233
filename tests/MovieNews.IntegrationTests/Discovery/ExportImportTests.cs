using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Portability;

namespace MovieNews.IntegrationTests.Discovery;

public sealed class EmptySiteFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Seeds:Enabled"] = "false" };
}

/// <summary>A seeded site on SQLite, whatever engine this run is on.</summary>
public sealed class SqliteSiteFactory() : MovieNewsFactory(sharedConnectionString: null, DatabaseProvider.Sqlite);

public sealed class ExportImportTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    [PostgresFact]
    public async Task A_site_moves_from_sqlite_to_postgresql_through_the_json_export()
    {
        using var sqlite = new SqliteSiteFactory();
        var admin = await sqlite.SignedInAdminAsync();
        await admin.SubmitAsync("/admin/articles/edit/1", "#article-editor", new Dictionary<string, string?> { ["Input.Body"] = "Edited on SQLite." }, "button[formaction*=Save]");
        var file = Path.Combine(sqlite.DataDirectory, "move.json");
        Assert.Equal(0, await SiteArchiveCommands.ExportAsync(sqlite.Services, ["export", "--to", file], TextWriter.Null));

        using var postgres = new EmptySiteFactory();
        _ = postgres.CreateClient();
        Assert.Equal(0, await SiteArchiveCommands.ImportAsync(postgres.Services, ["import-json", file], TextWriter.Null));

        Assert.Equal(await SnapshotAsync(sqlite), await SnapshotAsync(postgres));
        var page = await postgres.CreateBrowserClient().GetOkPageAsync("/articles/will-there-be-a-purple-hearts-2");
        Assert.StartsWith("59 thoughts on", page.QuerySelector("#comments-title")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exporting_and_importing_into_an_empty_site_gives_the_same_site()
    {
        var admin = await factory.SignedInAdminAsync();
        await admin.SubmitAsync("/admin/articles/edit/1", "#article-editor", new Dictionary<string, string?> { ["Input.Body"] = "A second revision." }, "button[formaction*=Save]");
        var file = Path.Combine(factory.DataDirectory, "export.json");

        Assert.Equal(0, await SiteArchiveCommands.ExportAsync(factory.Services, ["export", "--to", file], TextWriter.Null));
        using var empty = new EmptySiteFactory();
        _ = empty.CreateClient();
        Assert.Equal(0, await SiteArchiveCommands.ImportAsync(empty.Services, ["import-json", file], TextWriter.Null));

        Assert.Equal(await SnapshotAsync(factory), await SnapshotAsync(empty));
        var page = await empty.CreateBrowserClient().GetOkPageAsync("/articles/will-there-be-a-purple-hearts-2");
        Assert.StartsWith("59 thoughts on", page.QuerySelector("#comments-title")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("#comments > ol > li > ol > li > ol > li > ol > li > article.comment"));
        Assert.NotEmpty((await empty.CreateBrowserClient().GetOkPageAsync("/search?q=sequel")).QuerySelectorAll(".search-results li"));
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing()
    {
        var file = Path.Combine(factory.DataDirectory, "again.json");
        await SiteArchiveCommands.ExportAsync(factory.Services, ["export", "--to", file], TextWriter.Null);
        var before = await SnapshotAsync(factory);

        await SiteArchiveCommands.ImportAsync(factory.Services, ["import-json", file], TextWriter.Null);

        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task A_file_that_is_not_an_export_is_refused_and_nothing_changes()
    {
        var file = Path.Combine(factory.DataDirectory, "broken.json");
        await File.WriteAllTextAsync(file, "{ \"FormatVersion\": 1, \"Articles\": [ {\"Slug\": ");
        var output = new StringWriter();
        var before = await SnapshotAsync(factory);

        var exit = await SiteArchiveCommands.ImportAsync(factory.Services, ["import-json", file], output);

        Assert.Equal(1, exit);
        Assert.Contains("line 1", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    [Fact]
    public async Task A_value_longer_than_the_site_stores_is_named_and_nothing_is_imported()
    {
        var file = Path.Combine(factory.DataDirectory, "too-long.json");
        await SiteArchiveCommands.ExportAsync(factory.Services, ["export", "--to", file], TextWriter.Null);
        var title = new string('T', 250);
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file))
            .Replace("\"will-there-be-a-purple-hearts-2\"", "\"a-new-slug-for-the-copy\"", StringComparison.Ordinal)
            .Replace("\"Will there be a Purple Hearts 2?", $"\"{title}", StringComparison.Ordinal));
        var before = await SnapshotAsync(factory);
        var output = new StringWriter();

        var exit = await SiteArchiveCommands.ImportAsync(factory.Services, ["import-json", file], output);

        Assert.Equal(1, exit);
        Assert.Contains("Article.Title is 2", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    /// <summary>What a reader and an editor would compare: articles, tags, revisions and comment threads.</summary>
    private static async Task<string> SnapshotAsync(MovieNewsFactory site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        var articles = await db.Articles.AsNoTracking().AsSplitQuery().Include(a => a.Tags).OrderBy(a => a.Slug).ToListAsync();
        var comments = await db.Comments.AsNoTracking().OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id).ToListAsync();
        var byId = comments.ToDictionary(c => c.Id);
        var revisions = await db.ArticleRevisions.AsNoTracking().ToListAsync();
        return string.Join("\n", articles.Select(a =>
            $"{a.Slug}|{a.Title}|{a.Status}|{a.PublishedUtc:O}|{a.BodyHtml.Length}|{string.Join(",", a.Tags.Select(t => t.Slug).Order(StringComparer.Ordinal))}|" +
            $"rev:{revisions.Count(r => r.ArticleId == a.Id)}|" +
            string.Join(";", comments.Where(c => c.ArticleId == a.Id).Select(c =>
                $"{c.AuthorName}>{(c.ParentId is { } p ? byId[p].BodyMarkdown.GetHashCode(StringComparison.Ordinal) : 0)}:{c.Status}:{c.BodyMarkdown.GetHashCode(StringComparison.Ordinal)}"))));
    }
}
