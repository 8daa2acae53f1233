using System.Globalization;
using MovieNews.Web.Features.Authors;

namespace MovieNews.UnitTests.Authors;

/// <summary>Several authors are joined by the site's language: "Ana and Ben" on an English site, "Ana und Ben" on a German one.</summary>
public sealed class BylineLanguageTests
{
    [Theory]
    [InlineData("en", "Ana, Ben and Cy")]
    [InlineData("de", "Ana, Ben und Cy")]
    public void Stored_bylines_join_the_authors_in_the_sites_language(string language, string expected)
    {
        var joined = InLanguage(language, () => Bylines.Join(["Ana", "Ben", "Cy"]));

        Assert.Equal(expected, joined);
    }

    [Theory]
    [InlineData("en", "Ana and 10 others")]
    [InlineData("de", "Ana und 10 weitere")]
    public void A_byline_too_long_for_every_name_names_the_first_and_counts_the_rest(string language, string expected)
    {
        var names = new[] { "Ana" }.Concat(Enumerable.Range(1, 10).Select(i => new string('x', 12) + i)).ToList();

        var joined = InLanguage(language, () => Bylines.Join(names));

        Assert.Equal(expected, joined);
    }

    [Theory]
    [InlineData("en", "Ana and Ben")]
    [InlineData("de", "Ana und Ben")]
    public void Linked_bylines_join_the_authors_in_the_sites_language(string language, string expected)
    {
        var byline = new Byline("Ana and Ben", Custom: false, [new AuthorLink("ana", "Ana"), new AuthorLink("ben", "Ben")]);

        var html = InLanguage(language, () =>
        {
            using var writer = new StringWriter();
            byline.Html.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
            return writer.ToString();
        });

        Assert.Equal(expected, System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", ""));
    }

    private static string InLanguage(string language, Func<string> write)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return write();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
