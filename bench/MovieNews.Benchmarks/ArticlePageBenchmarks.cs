using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MovieNews.Benchmarks;

/// <summary>
/// The seed article page end to end in-process (routing, queries, Razor, caching, the token hole), in English and in
/// German: an uncached German page looks up every word it shows (about six per comment), an English one finds none.
/// </summary>
[MemoryDiagnoser]
public class ArticlePageBenchmarks
{
    private const string Article = "/articles/will-there-be-a-purple-hearts-2";
    private readonly string _directory = Directory.CreateTempSubdirectory("movienews-bench").FullName;
    private WebApplicationFactory<MovieNews.Web.Data.MovieNewsDbContext> _factory = null!;
    private HttpClient _client = null!;

    [Params("en", "de")]
    public string Language { get; set; } = "en";

    [GlobalSetup]
    public async Task Setup()
    {
        _factory = new WebApplicationFactory<MovieNews.Web.Data.MovieNewsDbContext>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:MovieNews", $"Data Source={Path.Combine(_directory, "bench.db")}");
            builder.UseSetting("DataProtection:KeysPath", Path.Combine(_directory, "keys"));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Site:Language", Language);
        });
        _client = _factory.CreateClient();
        await _client.GetStringAsync(Article);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<string> Cached() => _client.GetStringAsync(Article);

    [Benchmark]
    public async Task<string> Uncached()
    {
        // A commenter's saved-details cookie makes the page theirs, so it bypasses the cache.
        using var request = new HttpRequestMessage(HttpMethod.Get, Article);
        request.Headers.Add("Cookie", "mn_commenter=benchmark");
        using var response = await _client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
