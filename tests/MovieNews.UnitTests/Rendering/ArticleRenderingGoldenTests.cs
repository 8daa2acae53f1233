using MovieNews.Web.Features.Rendering;

namespace MovieNews.UnitTests.Rendering;

/// <summary>
/// Each <c>Golden/NAME.md</c> renders to exactly <c>Golden/NAME.html</c>. Set MOVIENEWS_UPDATE_GOLDEN=1 to
/// rewrite the expected files after a deliberate change, then review the diff.
/// </summary>
public sealed class ArticleRenderingGoldenTests
{
    private static readonly MarkdownRenderer _renderer = new();
    private static readonly string _goldenFolder = Path.Combine(AppContext.BaseDirectory, "Rendering", "Golden");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(_goldenFolder, "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Markdown_renders_to_its_golden_html(string name)
    {
        var actual = _renderer.RenderArticle(File.ReadAllText(Path.Combine(_goldenFolder, name + ".md"))).Value;
        var expectedPath = Path.Combine(_goldenFolder, name + ".html");
        if (Environment.GetEnvironmentVariable("MOVIENEWS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(SourcePath(name + ".html"), actual);
            return;
        }

        Assert.Equal(File.ReadAllText(expectedPath), actual);
    }

    [Fact]
    public void Seed_article_renders_to_its_golden_html()
    {
        var seed = Web.Features.Seeding.SeedArticleParser.Parse(
            "will-there-be-a-purple-hearts-2.md",
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seeds", "articles", "will-there-be-a-purple-hearts-2.md")));
        var actual = _renderer.RenderArticle(seed.BodyMarkdown).Value;
        if (Environment.GetEnvironmentVariable("MOVIENEWS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(SourcePath("seed-purple-hearts.html.expected"), actual);
            return;
        }

        Assert.Equal(File.ReadAllText(Path.Combine(_goldenFolder, "seed-purple-hearts.html.expected")), actual);
    }

    private static string SourcePath(string fileName, [System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", fileName);
}
