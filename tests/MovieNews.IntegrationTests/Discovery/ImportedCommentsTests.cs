using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Portability;

namespace MovieNews.IntegrationTests.Discovery;

/// <summary>
/// Imported comments pass the same writer as a reader's: normalised, validated, rendered and sanitized, keeping
/// the status they had. A direction override in a name must not survive an import any more than a post.
/// </summary>
public sealed class ImportedCommentsTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Override = "\u202E";
    private static readonly string _sample = Path.Combine(AppContext.BaseDirectory, "data", "wordpress-export.xml");

    private async Task<List<Web.Features.Comments.Comment>> CommentsAsync(Func<Web.Features.Comments.Comment, bool> which)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Comments.AsNoTracking().ToListAsync()).Where(which).ToList();
    }

    [Fact]
    public async Task A_wordpress_import_removes_direction_overrides_from_names_and_keeps_statuses()
    {
        var file = Path.Combine(factory.DataDirectory, "bidi.xml");
        var xml = await File.ReadAllTextAsync(_sample);
        await File.WriteAllTextAsync(file, xml
            .Replace("<wp:comment_author><![CDATA[", $"<wp:comment_author><![CDATA[{Override}Bidi ", StringComparison.Ordinal)
            .Replace("casablanca-at-80", "casablanca-bidi", StringComparison.Ordinal));

        Assert.Equal(0, await WxrImportCommand.RunAsync(factory.Services, ["import-wxr", file], TextWriter.Null));

        var imported = await CommentsAsync(c => c.ImportKey?.StartsWith("wxr:casablanca-bidi:", StringComparison.Ordinal) == true);
        Assert.NotEmpty(imported);
        Assert.All(imported, c => Assert.StartsWith("Bidi ", c.AuthorName, StringComparison.Ordinal));
        Assert.All(imported, c => Assert.NotEmpty(c.BodyFingerprint));
        Assert.Contains(imported, c => c.Status != CommentStatus.Approved);
    }

    [Fact]
    public async Task A_json_import_removes_direction_overrides_from_names_and_keeps_statuses()
    {
        var file = Path.Combine(factory.DataDirectory, "bidi.json");
        await SiteArchiveCommands.ExportAsync(factory.Services, ["export", "--to", file], TextWriter.Null);
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file))
            .Replace("\"will-there-be-a-purple-hearts-2\"", "\"purple-hearts-json-copy\"", StringComparison.Ordinal)
            .Replace("\"AuthorName\": \"", "\"AuthorName\": \"\\u202EJson ", StringComparison.Ordinal));

        Assert.Equal(0, await SiteArchiveCommands.ImportAsync(factory.Services, ["import-json", file], TextWriter.Null));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        var copy = await db.Comments.AsNoTracking().Where(c => c.Article.Slug == "purple-hearts-json-copy").ToListAsync();
        Assert.Equal(60, copy.Count);
        Assert.All(copy, c => Assert.StartsWith("Json ", c.AuthorName, StringComparison.Ordinal));
        Assert.Single(copy, c => c.Status == CommentStatus.Pending);
    }
}
