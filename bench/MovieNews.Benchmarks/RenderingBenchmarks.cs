using BenchmarkDotNet.Attributes;
using MovieNews.Web.Features.Rendering;
using MovieNews.Web.Features.Seeding;

namespace MovieNews.Benchmarks;

[MemoryDiagnoser]
public class RenderingBenchmarks
{
    private readonly MarkdownRenderer _renderer = new();
    private string _seedArticle = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "seeds", "articles", "will-there-be-a-purple-hearts-2.md");
        _seedArticle = SeedArticleParser.Parse(Path.GetFileName(path), File.ReadAllText(path)).BodyMarkdown;
    }

    [Benchmark]
    public SafeHtml SeedArticle() => _renderer.RenderArticle(_seedArticle);
}
