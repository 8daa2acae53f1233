using CsCheck;
using MovieNews.Web.Features.Articles;

namespace MovieNews.UnitTests.Properties;

/// <summary>Slugs suggested from titles and tag names an editor types (any text a form can carry).</summary>
public sealed class SlugProperties
{
    [Fact]
    public void A_slug_made_from_any_text_is_empty_or_valid() =>
        HostileInput.WellFormedText.Sample(
            text =>
            {
                var slug = Slug.From(text);
                Assert.True(slug.Length == 0 || Slug.IsValid(slug), HostileInput.Show(slug));
            },
            iter: PropertyRuns.Iterations(5000),
            print: HostileInput.Show);

    [Fact]
    public void A_title_holding_U_FFFE_gets_a_slug_instead_of_throwing() =>
        Assert.Equal("heat-1995", Slug.From("Heat\uFFFE1995"));
}
