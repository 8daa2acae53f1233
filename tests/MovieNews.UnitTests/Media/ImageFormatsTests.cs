using MovieNews.TestSupport;
using MovieNews.Web.Features.Media;

namespace MovieNews.UnitTests.Media;

public sealed class ImageFormatsTests
{
    [Fact]
    public void Formats_are_told_by_their_first_bytes()
    {
        Assert.Equal(ImageFormat.Jpeg, ImageFormats.Detect(TestImages.Jpeg(8, 8)));
        Assert.Equal(ImageFormat.Gif, ImageFormats.Detect(TestImages.Gif()));
        Assert.Equal(ImageFormat.WebP, ImageFormats.Detect("RIFF\0\0\0\0WEBPVP8 "u8));
        Assert.Equal(ImageFormat.Avif, ImageFormats.Detect("\0\0\0\u001cftypavif\0\0\0\0"u8));
        Assert.Equal(ImageFormat.Png, ImageFormats.Detect([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]));
    }

    [Theory]
    [InlineData("GIF88a")]
    [InlineData("RIFF0000WAVE")]
    [InlineData("\0\0\0\u001cftypheic")]
    [InlineData("%PDF-1.7")]
    [InlineData("")]
    public void Anything_else_is_no_picture(string head) =>
        Assert.Null(ImageFormats.Detect(System.Text.Encoding.Latin1.GetBytes(head)));

    [Theory]
    [InlineData("<svg/>")]
    [InlineData("  \r\n<?xml version=\"1.0\"?>")]
    [InlineData("\uFEFF<svg>")]
    public void Markup_is_recognised_so_its_refusal_can_say_why(string head) =>
        Assert.True(ImageFormats.LooksLikeMarkup(System.Text.Encoding.UTF8.GetBytes(head)));

    [Fact]
    public void The_file_pickers_are_offered_every_accepted_format_and_no_other()
    {
        Assert.Equal("image/jpeg,image/png,image/gif,image/webp,image/avif", ImageFormats.AcceptAttribute);
    }
}
