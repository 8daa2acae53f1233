using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Moderation;

/// <summary>Both corpora against the default blocklist: every disguise is found, no innocent sentence is.</summary>
public sealed class BlocklistCorpusTests
{
    private static readonly BlocklistMatcher _matcher = new(BlocklistCorpus.BlockedWords);

    [Theory]
    [MemberData(nameof(BlocklistCorpus.DisguiseIndexes), MemberType = typeof(BlocklistCorpus))]
    public void Every_disguised_spelling_is_found(int index)
    {
        var (word, text) = BlocklistCorpus.Disguises[index];

        Assert.True(_matcher.Find(text).Contains(word), $"\"{word}\" not found in \"{text}\" (folded: \"{TextFolding.Fold(text)}\").");
    }

    [Theory]
    [MemberData(nameof(BlocklistCorpus.InnocentIndexes), MemberType = typeof(BlocklistCorpus))]
    public void No_innocent_sentence_is_flagged(int index)
    {
        var text = BlocklistCorpus.Innocent[index];

        Assert.True(_matcher.Find(text).Count == 0, $"\"{text}\" was flagged for {string.Join(", ", _matcher.Find(text))} (folded: \"{TextFolding.Fold(text)}\").");
    }

    [Fact]
    public void The_disguise_corpus_covers_every_default_blocked_word() =>
        Assert.Empty(BlocklistCorpus.DefaultBlockedWords.Except(BlocklistCorpus.Disguises.Select(d => d.Word)));

    [Fact]
    public void Each_corpus_holds_at_least_150_lines()
    {
        Assert.InRange(BlocklistCorpus.Disguises.Count, 150, int.MaxValue);
        Assert.InRange(BlocklistCorpus.Innocent.Count, 150, int.MaxValue);
    }
}
