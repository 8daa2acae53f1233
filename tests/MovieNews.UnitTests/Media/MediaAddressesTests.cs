using MovieNews.Web.Features.Media;

namespace MovieNews.UnitTests.Media;

public sealed class MediaAddressesTests
{
    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("0123456789abcdef0123456789abcdef.svg")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF.jpg")]
    [InlineData("0123456789abcdef0123456789abcdef.jpg/..")]
    [InlineData("0123456789abcdef0123456789abcdef.jpg\n")]
    [InlineData(".0123456789abcdef0123456789abcdef.webp")]
    [InlineData(null)]
    public void Only_keys_the_site_makes_are_keys(string? key) => Assert.False(MediaAddresses.IsKey(key));

    [Fact]
    public void A_key_is_the_hash_of_the_content_and_its_extension()
    {
        var key = MediaAddresses.KeyFor([1, 2, 3], "webp");

        Assert.True(MediaAddresses.IsKey(key));
        Assert.Equal(key, MediaAddresses.KeyFor([1, 2, 3], "webp"));
        Assert.NotEqual(key, MediaAddresses.KeyFor([1, 2, 4], "webp"));
    }

    [Fact]
    public void The_keys_an_article_mentions_are_found_in_its_markdown()
    {
        var markdown = "Intro ![A poster](/media/0123456789abcdef0123456789abcdef.jpg \"Caption\") and https://example.com/media/ffffffffffffffffffffffffffffffff.webp.";

        Assert.Equal(["0123456789abcdef0123456789abcdef.jpg", "ffffffffffffffffffffffffffffffff.webp"], MediaAddresses.KeysIn(markdown).Order());
    }

    [Fact]
    public void Inserted_markdown_escapes_what_would_end_the_alt_text_or_the_title()
    {
        var item = new MediaItem { FileName = "x.jpg", AltText = "A [bracketed] \\ alt", Caption = "Say \"cheese\"" };
        item.Variants.Add(new MediaVariant { Key = "0123456789abcdef0123456789abcdef.jpg", Purpose = VariantPurpose.Width, Width = 960 });

        Assert.Equal("![A \\[bracketed\\] \\\\ alt](/media/0123456789abcdef0123456789abcdef.jpg \"Say \\\"cheese\\\"\")", MediaMarkdown.ImageFor(item));
    }
}
