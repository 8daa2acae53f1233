using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Moderation;

public sealed class BlocklistMatcherTests
{
    private readonly BlocklistMatcher _matcher = new(["fuck", "ass", "casino", "shit", "nigger", "twat"]);

    [Theory]
    [InlineData("what the fuck")]
    [InlineData("What The FUCK!")]
    [InlineData("f u c k off")]
    [InlineData("f.u.c.k")]
    [InlineData("f-u-c-k")]
    [InlineData("F U C K")]
    public void Blocked_words_are_found_whatever_their_case_or_spacing(string text) =>
        Assert.Equal(["fuck"], _matcher.Find(text));

    [Theory]
    [InlineData("c4s1n0 bonus")]
    [InlineData("C@SINO")]
    [InlineData("ca$ino")]
    [InlineData("Casinos near you")]
    public void Simple_leetspeak_and_common_endings_are_caught(string text) =>
        Assert.Equal(["casino"], _matcher.Find(text));

    [Theory]
    [InlineData("a classic class act")]
    [InlineData("assess the assassin's passage")]
    [InlineData("Cassie and Luke")]
    [InlineData("")]
    public void Words_that_merely_contain_a_blocked_word_are_not_matched(string text) =>
        Assert.Empty(_matcher.Find(text));

    [Fact]
    public void Trailing_punctuation_is_not_read_as_leetspeak() =>
        Assert.Equal(["ass"], _matcher.Find("what an ass!!!"));

    [Fact]
    public void A_matcher_for_another_list_finds_only_that_lists_words()
    {
        Assert.Equal(["casino"], new BlocklistMatcher(["casino"]).Find("casino viagra"));
        Assert.Equal(["viagra"], new BlocklistMatcher(["viagra"]).Find("casino viagra"));
    }

    [Fact]
    public void An_empty_blocklist_finds_nothing() => Assert.Empty(new BlocklistMatcher([]).Find("fuck"));

    [Theory]
    [InlineData("f\u200Buck")]
    [InlineData("fu\u00ADck")]
    [InlineData("f\uFE0Fu\U000E0041ck")]
    public void Invisible_characters_inside_a_word_do_not_hide_it(string text) =>
        Assert.Equal(["fuck"], _matcher.Find(text));

    [Theory]
    [InlineData("fuсk")] // Cyrillic es
    [InlineData("ｆｕｃｋ")]
    [InlineData("𝐟𝐮𝐜𝐤")]
    [InlineData("ⓕⓤⓒⓚ")]
    [InlineData("ꜰᴜᴄᴋ")]
    [InlineData("f\u0338u\u0334c\u0337k\u0336")]
    public void Look_alike_and_decorated_letters_do_not_hide_a_word(string text) =>
        Assert.Equal(["fuck"], _matcher.Find(text));

    [Theory]
    [InlineData("fuuuuuck")]
    [InlineData("FFFUUUCCCKKK")]
    [InlineData("fuuuckers")]
    public void Letters_repeated_for_emphasis_still_match(string text) =>
        Assert.Equal(["fuck"], _matcher.Find(text));

    [Theory]
    [InlineData("asss", "ass")]
    [InlineData("shitting", "shit")]
    [InlineData("niggggers", "nigger")]
    public void A_word_matches_when_each_of_its_letter_runs_is_at_least_as_long_as_the_blocked_words(string text, string word) =>
        Assert.Equal([word], _matcher.Find(text));

    [Theory]
    [InlineData("as")]
    [InlineData("Niger")]
    public void A_word_with_a_shorter_letter_run_than_the_blocked_word_does_not_match(string text) =>
        Assert.Empty(_matcher.Find(text));

    [Fact]
    public void Ending_letters_count_once_each() => Assert.Empty(_matcher.Find("assess assesses"));

    [Theory]
    [InlineData("shlt")]
    [InlineData("SHΙT")] // Greek capital iota, whose prototype is "l"
    [InlineData("sh1t")]
    [InlineData("sh|t")]
    public void An_l_or_its_look_alikes_may_stand_for_an_i(string text) =>
        Assert.Equal(["shit"], _matcher.Find(text));

    [Fact]
    public void An_i_does_not_stand_for_an_l() =>
        Assert.Empty(new BlocklistMatcher(["slut"]).Find("siut"));

    [Theory]
    [InlineData("$hit")]
    [InlineData("(shit)")]
    [InlineData("@shit")]
    [InlineData("sh!t!!!")]
    public void Symbols_at_a_word_edge_are_read_both_as_letters_and_as_punctuation(string text) =>
        Assert.Equal(["shit"], _matcher.Find(text));

    [Theory]
    [InlineData("shit!really", "shit")]
    [InlineData("shit2020", "shit")]
    [InlineData("f|u|c|k", "fuck")]
    [InlineData("fu(k", "fuck")]
    public void Symbols_and_digits_inside_a_word_are_tried_as_letters_as_separators_and_as_noise(string text, string word) =>
        Assert.Equal([word], _matcher.Find(text));

    [Theory]
    [InlineData("wh0r€")]
    [InlineData("whorε")] // Greek epsilon
    [InlineData("whorє")] // Cyrillic Ukrainian ie
    public void The_euro_sign_and_the_epsilons_stand_for_an_e(string text) =>
        Assert.Equal(["whore"], new BlocklistMatcher(["whore"]).Find(text));

    [Theory]
    [InlineData("I f u c k", "fuck")]
    [InlineData("a s h i t day", "shit")]
    [InlineData("$ h i t", "shit")]
    public void A_spelled_out_word_is_found_even_after_a_leading_I_or_a(string text, string word) =>
        Assert.Equal([word], _matcher.Find(text));

    [Fact]
    public void A_very_long_word_is_checked_like_a_short_one() =>
        Assert.Equal(["fuck"], _matcher.Find("f" + new string('u', 5000) + "ck"));

    [Theory]
    [InlineData("FUCK")]
    [InlineData("Fսсk")]
    [InlineData("f*u*c*k")]
    public void Found_words_are_reported_in_their_canonical_form(string configured) =>
        Assert.Equal(["fuck"], new BlocklistMatcher([configured]).Find("what the fuck"));

    [Theory]
    [InlineData("Twatt is a hamlet in Orkney.", "twat")]
    [InlineData("Visit Casino Royale night!", "casino")]
    [InlineData("Filmen tar slut nu.", "slut")]
    [InlineData("Le train est en retard.", "retard")]
    public void A_place_or_a_foreign_word_spelled_like_a_blocked_word_is_held_for_an_editor(string text, string word) =>
        Assert.Equal([word], new BlocklistMatcher([word]).Find(text));
}
