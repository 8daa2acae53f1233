using CsCheck;
using MovieNews.Web.Features.Search;

namespace MovieNews.UnitTests.Properties;

/// <summary>The public search box on generated text: every query is searched or refused with a message, never a crash.</summary>
public sealed class SearchQueryProperties
{
    [Fact]
    public void Any_query_a_browser_can_send_is_parsed_or_refused_with_a_message() =>
        HostileInput.WellFormedText.Sample(
            text =>
            {
                var query = SearchQuery.Parse(text, out var problem);
                Assert.True(query is not null ^ problem is not null);
            },
            iter: PropertyRuns.Iterations(5000),
            print: HostileInput.Show);

    [Fact]
    public void Search_terms_hold_only_letters_and_digits() =>
        HostileInput.WellFormedText.Sample(
            text => Assert.All(SearchQuery.Parse(text, out _)?.Terms ?? [], term => Assert.True(term.All(char.IsLetterOrDigit), HostileInput.Show(term))),
            iter: PropertyRuns.Iterations(5000),
            print: HostileInput.Show);

    [Fact]
    public void A_query_holding_U_FFFE_is_searched_instead_of_throwing() =>
        Assert.Equal(["heat", "1995"], SearchQuery.Parse("heat\uFFFE1995", out _)!.Terms);
}
