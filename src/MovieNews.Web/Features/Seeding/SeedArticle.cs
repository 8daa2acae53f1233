namespace MovieNews.Web.Features.Seeding;

public sealed record SeedArticle(
    string Title,
    string Slug,
    string Author,
    DateTime PublishedUtc,
    string Excerpt,
    IReadOnlyList<string> Tags,
    string BodyMarkdown);

public sealed class SeedFormatException(string fileName, string problem)
    : Exception($"Seed file '{fileName}' is malformed: {problem}")
{
    public string FileName { get; } = fileName;
    public string Problem { get; } = problem;
}
