using MovieNews.Web.Features.Seeding;

namespace MovieNews.UnitTests.Seeding;

public sealed class SeedArticleParserTests
{
    private const string Good = """
        ---
        title: "A title: with a colon"
        slug: a-title
        author: Jo Writer
        published: 2022-08-12T09:00:00Z
        excerpt: Short.
        tags: [movies, netflix]
        ---
        ## Heading

        Body text.
        """;

    [Fact]
    public void Reads_front_matter_and_body()
    {
        var seed = SeedArticleParser.Parse("good.md", Good);

        Assert.Equal("A title: with a colon", seed.Title);
        Assert.Equal("a-title", seed.Slug);
        Assert.Equal("Jo Writer", seed.Author);
        Assert.Equal(new DateTime(2022, 8, 12, 9, 0, 0, DateTimeKind.Utc), seed.PublishedUtc);
        Assert.Equal(DateTimeKind.Utc, seed.PublishedUtc.Kind);
        Assert.Equal("Short.", seed.Excerpt);
        Assert.Equal(["movies", "netflix"], seed.Tags);
        Assert.Equal("## Heading\n\nBody text.\n", seed.BodyMarkdown);
    }

    [Fact]
    public void Windows_line_endings_are_accepted()
    {
        var seed = SeedArticleParser.Parse("crlf.md", Good.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal("a-title", seed.Slug);
    }

    [Fact]
    public void A_missing_slug_is_derived_from_the_title()
    {
        var seed = SeedArticleParser.Parse("noslug.md", Good.Replace("slug: a-title\n", "", StringComparison.Ordinal));

        Assert.Equal("a-title-with-a-colon", seed.Slug);
    }

    [Fact]
    public void An_article_without_an_image_has_none()
    {
        Assert.Null(SeedArticleParser.Parse("good.md", Good).Image);
    }

    [Fact]
    public void Reads_the_featured_image_and_its_alt_text()
    {
        var seed = SeedArticleParser.Parse("pictured.md", Good.Replace(
            "tags: [movies, netflix]\n", "tags: [movies, netflix]\nimage: images/a-title.jpg\nimageAlt: \" A title card \"\n", StringComparison.Ordinal));

        Assert.Equal(new SeedImage("images/a-title.jpg", "A title card"), seed.Image);
    }

    [Theory]
    [InlineData("no front matter at all", "must start with a '---' line")]
    [InlineData("---\ntitle: x\nauthor: y\npublished: 2022-01-01\nbody without closing fence", "no closing '---' line")]
    [InlineData("---\ntitle: [unclosed\n---\nbody", "not valid YAML")]
    [InlineData("---\n---\nbody", "front matter is empty")]
    [InlineData("---\nauthor: y\npublished: 2022-01-01\n---\nbody", "'title' is missing")]
    [InlineData("---\ntitle: x\npublished: 2022-01-01\n---\nbody", "'author' is missing")]
    [InlineData("---\ntitle: x\nauthor: y\n---\nbody", "'published' is missing")]
    [InlineData("---\ntitle: x\nauthor: y\npublished: next tuesday\n---\nbody", "is not a date")]
    [InlineData("---\ntitle: x\nslug: Bad Slug\nauthor: y\npublished: 2022-01-01\n---\nbody", "slug 'Bad Slug'")]
    [InlineData("---\ntitle: x\nauthor: y\npublished: 2022-01-01\n---\n   \n", "body after the front matter is empty")]
    [InlineData("---\ntitle: x\nauthor: y\npublished: 2022-01-01\nunknown: field\n---\nbody", "not valid YAML")]
    [InlineData("---\ntitle: x\nauthor: y\npublished: 2022-01-01\nimage: images/x.jpg\n---\nbody", "'imageAlt' is missing")]
    [InlineData("---\ntitle: x\nauthor: y\npublished: 2022-01-01\nimage: images/x.jpg\nimageAlt: \"  \"\n---\nbody", "'imageAlt' is missing")]
    [InlineData("---\ntitle: x\nauthor: y\npublished: 2022-01-01\nimageAlt: A card\n---\nbody", "'image' is not")]
    [InlineData("---\ntitle: x\nauthor: y\npublished: 2022-01-01\nimage: ../secrets.jpg\nimageAlt: A card\n---\nbody", "inside the seeds folder")]
    [InlineData("---\ntitle: x\nauthor: y\npublished: 2022-01-01\nimage: /etc/card.jpg\nimageAlt: A card\n---\nbody", "inside the seeds folder")]
    [InlineData("---\ntitle: x\nauthor: y\npublished: 2022-01-01\nimage: images\\\\x.jpg\nimageAlt: A card\n---\nbody", "forward slashes")]
    public void A_malformed_file_is_reported_with_its_name_and_problem(string text, string problem)
    {
        var error = Assert.Throws<SeedFormatException>(() => SeedArticleParser.Parse("broken.md", text));

        Assert.Equal("broken.md", error.FileName);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("broken.md", error.Message, StringComparison.Ordinal);
    }
}
