using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.TestSupport;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Portability;

namespace MovieNews.IntegrationTests.Discovery;

public sealed class EmptySiteFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Seeds:Enabled"] = "false" };
}

/// <summary>An empty site whose pictures are database rows, whatever the engine (what a move to PostgreSQL gets by default).</summary>
public sealed class EmptyDatabaseStoreSiteFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Seeds:Enabled"] = "false", ["Media:Store"] = "Database" };
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
        var picture = await PicturedArticleAsync(sqlite, admin, "moved-with-a-picture");
        var file = Path.Combine(sqlite.DataDirectory, "move.json");
        Assert.Equal(0, await SiteArchiveCommands.ExportAsync(sqlite.Services, ["export", "--to", file], TextWriter.Null));

        using var postgres = new EmptySiteFactory();
        _ = postgres.CreateClient();
        Assert.Equal(0, await SiteArchiveCommands.ImportAsync(postgres.Services, ["import-json", file], TextWriter.Null));

        Assert.Equal(await SnapshotAsync(sqlite), await SnapshotAsync(postgres));
        var page = await postgres.CreateBrowserClient().GetOkPageAsync("/articles/will-there-be-a-purple-hearts-2");
        Assert.StartsWith("59 thoughts on", page.QuerySelector("#comments-title")!.TextContent, StringComparison.Ordinal);
        await AssertPicturedAsync(postgres, "moved-with-a-picture", picture);
    }

    [Fact]
    public async Task Pictures_move_with_the_site_featured_shown_in_the_body_and_served()
    {
        var admin = await factory.SignedInAdminAsync();
        var picture = await PicturedArticleAsync(factory, admin, "pictured-export");
        var file = Path.Combine(factory.DataDirectory, "pictured.json");
        var exported = new StringWriter();

        Assert.Equal(0, await SiteArchiveCommands.ExportAsync(factory.Services, ["export", "--to", file], exported));
        using var empty = new EmptySiteFactory();
        _ = empty.CreateClient();
        Assert.Equal(0, await SiteArchiveCommands.ImportAsync(empty.Services, ["import-json", file], TextWriter.Null));

        Assert.Contains(" pictures to ", exported.ToString(), StringComparison.Ordinal);
        Assert.Equal(await SnapshotAsync(factory), await SnapshotAsync(empty));
        await AssertPicturedAsync(empty, "pictured-export", picture);
    }

    [Fact]
    public async Task Pictures_kept_as_files_arrive_as_rows_in_a_site_on_the_database_store()
    {
        var admin = await factory.SignedInAdminAsync();
        var picture = await PicturedArticleAsync(factory, admin, "pictured-to-rows");
        var file = Path.Combine(factory.DataDirectory, "to-rows.json");
        Assert.Equal(0, await SiteArchiveCommands.ExportAsync(factory.Services, ["export", "--to", file], TextWriter.Null));

        using var rows = new EmptyDatabaseStoreSiteFactory();
        _ = rows.CreateClient();
        Assert.Equal(0, await SiteArchiveCommands.ImportAsync(rows.Services, ["import-json", file], TextWriter.Null));

        Assert.Equal(await SnapshotAsync(factory), await SnapshotAsync(rows));
        await AssertPicturedAsync(rows, "pictured-to-rows", picture);
        var keys = picture.Variants.Select(v => v.Key).ToList();
        await using var scope = rows.Services.CreateAsyncScope();
        Assert.Equal(keys.Count, await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().MediaBlobs.CountAsync(b => keys.Contains(b.Key)));
    }

    [Fact]
    public async Task A_file_whose_picture_is_not_what_its_name_says_is_refused_and_nothing_is_imported()
    {
        var admin = await factory.SignedInAdminAsync();
        await PicturedArticleAsync(factory, admin, "pictured-tampered");
        var file = Path.Combine(factory.DataDirectory, "tampered.json");
        await SiteArchiveCommands.ExportAsync(factory.Services, ["export", "--to", file], TextWriter.Null);
        var export = JsonSerializer.Deserialize<SiteExport>(await File.ReadAllTextAsync(file), SiteArchive.Json)!;
        var variants = export.Media![^1].Variants;
        variants[0] = variants[0] with { Content = variants[1].Content };
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(export, SiteArchive.Json));
        using var empty = new EmptySiteFactory();
        _ = empty.CreateClient();
        var output = new StringWriter();

        var exit = await SiteArchiveCommands.ImportAsync(empty.Services, ["import-json", file], output);

        Assert.Equal(1, exit);
        Assert.Contains("is not the file its name promises", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, await SnapshotAsync(empty));
    }

    [Fact]
    public async Task A_format_1_file_without_media_still_imports()
    {
        var file = Path.Combine(factory.DataDirectory, "format-1.json");
        await File.WriteAllTextAsync(file, """
            { "FormatVersion": 1, "ExportedUtc": "2025-01-02T03:04:05Z", "Articles": [ {
              "Slug": "from-format-one", "Title": "From format one", "Excerpt": "Old file.", "BodyMarkdown": "Written before pictures.",
              "AuthorName": "Archivist", "Status": "Published", "PublishedUtc": "2025-01-01T00:00:00Z", "CreatedUtc": "2025-01-01T00:00:00Z",
              "UpdatedUtc": "2025-01-01T00:00:00Z", "DeletedUtc": null, "CommentsOpen": true, "Tags": [ "Archive" ], "Revisions": [], "Comments": [] } ] }
            """);
        using var empty = new EmptySiteFactory();
        _ = empty.CreateClient();

        Assert.Equal(0, await SiteArchiveCommands.ImportAsync(empty.Services, ["import-json", file], TextWriter.Null));

        var page = await empty.CreateBrowserClient().GetOkPageAsync("/articles/from-format-one");
        Assert.Contains("Written before pictures.", page.QuerySelector("article")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("figure.hero"));
    }

    /// <summary>Uploads a picture through the library's form and publishes an article featuring it and showing it in its body.</summary>
    private static async Task<MediaItem> PicturedArticleAsync(MovieNewsFactory site, HttpClient admin, string slug)
    {
        var upload = await admin.UploadAsync(TestImages.Jpeg(1600, 900), $"{slug}.jpg", "Two leads on a porch", caption: "On set", credit: "Photo: MovieNews");
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var id = upload.UploadedId();
        var picture = (await ItemsAsync(site, i => i.Id == id)).Single();
        var response = await admin.SubmitAsync("/admin/articles/edit", "#article-editor", new Dictionary<string, string?>
        {
            ["Input.Title"] = $"Pictured {slug}",
            ["Input.Slug"] = slug,
            ["Input.Body"] = $"Before the picture.\n\n{MediaMarkdown.ImageFor(picture)}\n\nAfter it.",
            ["Input.Status"] = "Published",
            ["Input.FeaturedMediaId"] = picture.Id.ToString(CultureInfo.InvariantCulture),
        }, "button[formaction*=Save]");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return picture;
    }

    /// <summary>The article shows the picture as its hero and in its body, the library knows the use, and every file is served whole.</summary>
    private static async Task AssertPicturedAsync(MovieNewsFactory site, string slug, MediaItem original)
    {
        var reader = site.CreateBrowserClient("203.0.113.120");
        var page = await reader.GetOkPageAsync($"/articles/{slug}");
        Assert.Equal(original.AltText, page.QuerySelector("figure.hero img")!.GetAttribute("alt"));
        Assert.Equal("Photo: MovieNews", page.QuerySelector("figure.hero .credit")!.TextContent);
        Assert.EndsWith(original.Variants.Single(v => v.Purpose == VariantPurpose.Social).Url, page.QuerySelector("meta[property='og:image']")!.GetAttribute("content"), StringComparison.Ordinal);
        // The body's picture is a responsive figure whose candidates include the address the Markdown names.
        Assert.Contains(MediaMarkdown.InsertUrl(original), page.QuerySelector(".article-body figure picture img")!.GetAttribute("srcset"), StringComparison.Ordinal);

        var imported = (await ItemsAsync(site, i => i.FileName == original.FileName)).Single();
        Assert.Equal(
            (original.AltText, original.Caption, original.Credit, original.Width, original.Height, original.SourceFormat, original.SourceBytes, original.FocalX, original.FocalY, original.UploadedBy),
            (imported.AltText, imported.Caption, imported.Credit, imported.Width, imported.Height, imported.SourceFormat, imported.SourceBytes, imported.FocalX, imported.FocalY, imported.UploadedBy));
        foreach (var variant in original.Variants)
        {
            var response = await reader.GetAsync(variant.Url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(variant.Bytes, (await response.Content.ReadAsByteArrayAsync()).Length);
        }

        await using var scope = site.Services.CreateAsyncScope();
        var uses = await scope.ServiceProvider.GetRequiredService<MediaLibrary>().UsesAsync(imported.Id, CancellationToken.None);
        Assert.Equal(slug, Assert.Single(uses).Slug);
    }

    private static async Task<List<MediaItem>> ItemsAsync(MovieNewsFactory site, System.Linq.Expressions.Expression<Func<MediaItem, bool>> which)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().MediaItems.AsNoTracking().Include(m => m.Variants).Where(which).ToListAsync();
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
        Assert.NotEmpty(page.QuerySelectorAll("#comments > ol > li > details > ol > li > ol > li > ol > li > article.comment"));
        Assert.NotEmpty((await empty.CreateBrowserClient().GetOkPageAsync("/search?q=sequel")).QuerySelectorAll(".search-results li"));
    }

    [Fact]
    public async Task Likes_and_editors_picks_move_with_the_site()
    {
        var reader = factory.CreateBrowserClient("203.0.113.77");
        var article = await reader.GetOkPageAsync("/articles/will-there-be-a-purple-hearts-2");
        var id = int.Parse(article.QuerySelector("#comments ol.comment-list article.comment")!.Id!["comment-".Length..], CultureInfo.InvariantCulture);
        await reader.SubmitAsync(article, "form[id='comments.like']", null, $"#comment-{id} button[form='comments.like']");
        await factory.Services.GetRequiredService<CommentLikeFlusher>().FlushAsync(CancellationToken.None);
        var admin = await factory.SignedInAdminAsync();
        await admin.SubmitAsync(await admin.GetOkPageAsync($"/admin/comments/{id}"), "form[action*='handler=Pick']");
        var file = Path.Combine(factory.DataDirectory, "standing.json");
        Assert.Equal(0, await SiteArchiveCommands.ExportAsync(factory.Services, ["export", "--to", file], TextWriter.Null));

        using var empty = new EmptySiteFactory();
        _ = empty.CreateClient();
        Assert.Equal(0, await SiteArchiveCommands.ImportAsync(empty.Services, ["import-json", file], TextWriter.Null));

        await using var scope = empty.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        var picked = await db.Comments.AsNoTracking().SingleAsync(c => c.PickedUtc != null);
        Assert.Equal(1, picked.LikeCount);
        Assert.Equal(1, await db.CommentLikes.CountAsync(l => l.CommentId == picked.Id));
        var page = await empty.CreateBrowserClient().GetOkPageAsync("/articles/will-there-be-a-purple-hearts-2?sort=best");
        Assert.Equal([picked.AuthorName], page.Texts(".editors-picks .comment-author"));
        Assert.Equal($"comment-{picked.Id}", page.QuerySelector("#comments > ol.comment-list > li > article")!.Id);
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

    /// <summary>What a reader and an editor would compare: pictures, articles with theirs, tags, revisions and comment threads (times to the microsecond PostgreSQL keeps).</summary>
    private static async Task<string> SnapshotAsync(MovieNewsFactory site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        var articles = await db.Articles.AsNoTracking().AsSplitQuery().Include(a => a.Tags).Include(a => a.BodyMedia).OrderBy(a => a.Slug).ToListAsync();
        var comments = await db.Comments.AsNoTracking().OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id).ToListAsync();
        var byId = comments.ToDictionary(c => c.Id);
        var revisions = await db.ArticleRevisions.AsNoTracking().ToListAsync();
        var media = await db.MediaItems.AsNoTracking().Include(m => m.Variants).ToDictionaryAsync(m => m.Id);
        string Picture(int id) => $"{media[id].FileName}@{media[id].CreatedUtc.Ticks / 10}:{string.Join(",", media[id].Variants.Select(v => v.Key).Order(StringComparer.Ordinal))}";
        var library = media.Values.Select(m => $"{Picture(m.Id)}|{m.AltText}|{m.Caption}|{m.Credit}|{m.FocalX}|{m.FocalY}").Order(StringComparer.Ordinal);
        return string.Join("\n", library.Concat(articles.Select(a =>
            $"{a.Slug}|{a.Title}|{a.Status}|{a.PublishedUtc?.Ticks / 10}|{a.BodyHtml.Length}|{string.Join(",", a.Tags.Select(t => t.Slug).Order(StringComparer.Ordinal))}|" +
            $"rev:{revisions.Count(r => r.ArticleId == a.Id)}|" +
            $"featured:{(a.FeaturedMediaId is { } featured ? Picture(featured) : "-")}|body:{string.Join(";", a.BodyMedia.Select(m => Picture(m.Id)).Order(StringComparer.Ordinal))}|" +
            string.Join(";", comments.Where(c => c.ArticleId == a.Id).Select(c =>
                $"{c.AuthorName}>{(c.ParentId is { } p ? byId[p].BodyMarkdown.GetHashCode(StringComparison.Ordinal) : 0)}:{c.Status}:{c.BodyMarkdown.GetHashCode(StringComparison.Ordinal)}")))));
    }
}
