namespace MovieNews.Web.Features.Seeding;

public sealed record SeedArticle(
    string Title,
    string Slug,
    string Author,
    DateTime PublishedUtc,
    string Excerpt,
    IReadOnlyList<string> Tags,
    string BodyMarkdown,
    SeedImage? Image = null);

/// <summary>A seed article's featured picture: a file under the seeds folder (<c>images/slug.jpg</c>) and its alt text.</summary>
public sealed record SeedImage(string Path, string AltText);

public sealed class SeedFormatException(string fileName, string problem)
    : Exception($"Seed file '{fileName}' is malformed: {problem}")
{
    public string FileName { get; } = fileName;
    public string Problem { get; } = problem;
}
