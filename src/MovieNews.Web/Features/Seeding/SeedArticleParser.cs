using System.Globalization;
using MovieNews.Web.Features.Articles;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MovieNews.Web.Features.Seeding;

/// <summary>Reads a seed article: YAML front matter between two <c>---</c> lines, then the Markdown body.</summary>
public static class SeedArticleParser
{
    private static readonly IDeserializer _yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static SeedArticle Parse(string fileName, string text)
    {
        var (frontMatter, body) = Split(fileName, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        FrontMatter? meta;
        try
        {
            meta = _yaml.Deserialize<FrontMatter?>(frontMatter);
        }
        catch (YamlException e)
        {
            throw new SeedFormatException(fileName, $"front matter is not valid YAML (line {e.Start.Line}: {e.InnerException?.Message ?? e.Message})");
        }

        if (meta is null)
        {
            throw new SeedFormatException(fileName, "front matter is empty");
        }

        var title = Required(fileName, "title", meta.Title);
        var slug = meta.Slug?.Trim() ?? Slug.From(title);
        if (!Slug.IsValid(slug))
        {
            throw new SeedFormatException(fileName, $"slug '{slug}' must be lowercase letters, digits and single hyphens");
        }

        var published = Required(fileName, "published", meta.Published);
        if (!DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var publishedAt))
        {
            throw new SeedFormatException(fileName, $"published '{published}' is not a date (use ISO 8601, e.g. 2022-08-10T09:00:00Z)");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            throw new SeedFormatException(fileName, "the article body after the front matter is empty");
        }

        return new SeedArticle(
            title,
            slug,
            Required(fileName, "author", meta.Author),
            publishedAt.UtcDateTime,
            meta.Excerpt?.Trim() ?? string.Empty,
            meta.Tags?.Where(t => !string.IsNullOrWhiteSpace(t)).ToList() ?? [],
            body.Trim() + "\n",
            Image(fileName, meta));
    }

    /// <summary>
    /// <c>image</c> is a path relative to the seeds folder, forward slashes, never leaving it; a picture without
    /// <c>imageAlt</c> is refused here, as the media library would refuse it.
    /// </summary>
    private static SeedImage? Image(string fileName, FrontMatter meta)
    {
        var path = meta.Image?.Trim();
        var alt = meta.ImageAlt?.Trim();
        if (string.IsNullOrEmpty(path))
        {
            return string.IsNullOrEmpty(alt)
                ? null
                : throw new SeedFormatException(fileName, "front matter field 'imageAlt' is given but 'image' is not");
        }

        if (path.Contains('\\', StringComparison.Ordinal) || path.StartsWith('/') || System.IO.Path.IsPathRooted(path)
            || path.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new SeedFormatException(fileName, $"image '{path}' must be a path inside the seeds folder with forward slashes, such as images/my-article.jpg");
        }

        return string.IsNullOrEmpty(alt)
            ? throw new SeedFormatException(fileName, $"front matter field 'imageAlt' is missing: describe image '{path}' for readers who cannot see it")
            : new SeedImage(path, alt);
    }

    private static (string FrontMatter, string Body) Split(string fileName, string text)
    {
        const string fence = "---\n";
        if (!text.StartsWith(fence, StringComparison.Ordinal))
        {
            throw new SeedFormatException(fileName, "it must start with a '---' line opening the YAML front matter");
        }

        var end = text.IndexOf("\n---\n", fence.Length - 1, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new SeedFormatException(fileName, "the front matter has no closing '---' line");
        }

        return (text[fence.Length..(end + 1)], text[(end + 5)..]);
    }

    private static string Required(string fileName, string field, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new SeedFormatException(fileName, $"front matter field '{field}' is missing")
            : value.Trim();

    private sealed class FrontMatter
    {
        public string? Title { get; set; }
        public string? Slug { get; set; }
        public string? Author { get; set; }
        public string? Published { get; set; }
        public string? Excerpt { get; set; }
        public List<string>? Tags { get; set; }
        public string? Image { get; set; }
        public string? ImageAlt { get; set; }
    }
}
