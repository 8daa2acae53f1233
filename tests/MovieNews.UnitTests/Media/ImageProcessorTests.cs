using Microsoft.Extensions.Options;
using MovieNews.TestSupport;
using MovieNews.Web.Features.Media;
using SkiaSharp;

namespace MovieNews.UnitTests.Media;

public sealed class ImageProcessorTests
{
    private static ImageProcessor Processor(long maxPixels = 50_000_000, long maxBytes = 20 * 1024 * 1024) =>
        new(Options.Create(new MediaOptions { MaxPixels = maxPixels, MaxUploadBytes = maxBytes }));

    private static string Refusal(byte[] file, ImageProcessor? processor = null) =>
        Assert.Throws<ImageRefusedException>(() => (processor ?? Processor()).Process(file, FocalPoint.Centre)).Message;

    [Fact]
    public void A_large_picture_gets_three_widths_in_webp_and_jpeg_and_a_social_card()
    {
        var result = Processor().Process(TestImages.Jpeg(2000, 1000), FocalPoint.Centre);

        Assert.Equal((2000, 1000), (result.Width, result.Height));
        var widths = result.Variants.Where(v => v.Purpose == VariantPurpose.Width).ToList();
        Assert.Equal([480, 480, 960, 960, 1600, 1600], widths.Select(v => v.Width).Order());
        Assert.All(widths, v => Assert.Equal(v.Width / 2, v.Height));
        Assert.Equal(3, widths.Count(v => v.Extension == "webp"));
        var social = Assert.Single(result.Variants, v => v.Purpose == VariantPurpose.Social);
        Assert.Equal((1200, 630, "jpg"), (social.Width, social.Height, social.Extension));
    }

    [Fact]
    public void Every_variant_has_the_size_it_claims()
    {
        foreach (var variant in Processor().Process(TestImages.Jpeg(1700, 900), FocalPoint.Centre).Variants)
        {
            using var codec = SKCodec.Create(new SKMemoryStream(variant.Content));
            Assert.Equal((variant.Width, variant.Height), (codec.Info.Width, codec.Info.Height));
            Assert.Equal(variant.Extension == "webp" ? SKEncodedImageFormat.Webp : SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        }
    }

    [Fact]
    public void A_picture_narrower_than_every_width_keeps_its_own_width_and_is_never_enlarged()
    {
        var widths = Processor().Process(TestImages.Jpeg(300, 200), FocalPoint.Centre).Variants.Where(v => v.Purpose == VariantPurpose.Width);

        Assert.All(widths, v => Assert.Equal((300, 200), (v.Width, v.Height)));
    }

    [Fact]
    public void A_picture_between_widths_gets_the_smaller_widths_and_its_own()
    {
        Assert.Equal([480, 700], ImageProcessor.WidthsFor(700));
        Assert.Equal([480, 960, 1600], ImageProcessor.WidthsFor(6000));
    }

    [Fact]
    public void Exif_orientation_is_applied_before_anything_else()
    {
        // Orientation 6: the camera was turned a quarter clockwise, so the left (red) half becomes the top.
        var rotated = TestImages.WithExif(TestImages.Jpeg(200, 100), orientation: 6);

        var result = Processor().Process(rotated, FocalPoint.Centre);

        Assert.Equal((100, 200), (result.Width, result.Height));
        var jpeg = result.Variants.First(v => v.Purpose == VariantPurpose.Width && v.Extension == "jpg").Content;
        Assert.True(TestImages.PixelAt(jpeg, 50, 30).Red > 200, "the top should be red");
        Assert.True(TestImages.PixelAt(jpeg, 50, 170).Blue > 200, "the bottom should be blue");
    }

    [Fact]
    public void No_metadata_and_no_gps_comes_out()
    {
        var withGps = TestImages.WithExif(TestImages.Jpeg(800, 600), orientation: 1);
        Assert.True(TestImages.Contains(withGps, TestImages.GpsMarker));

        foreach (var variant in Processor().Process(withGps, FocalPoint.Centre).Variants)
        {
            Assert.False(TestImages.Contains(variant.Content, TestImages.GpsMarker), "GPS data survived");
            Assert.False(TestImages.Contains(variant.Content, "Exif"), "an EXIF block survived");
        }
    }

    [Fact]
    public void The_social_crop_keeps_the_focal_point()
    {
        // A tall picture: the crop can only move up and down; a focal point at the bottom keeps the bottom.
        var tall = Processor().Process(TestImages.Encode(600, 1200), new FocalPoint(0.5, 0.95));
        var social = Assert.Single(tall.Variants, v => v.Purpose == VariantPurpose.Social);
        Assert.Equal((1200, 630), (social.Width, social.Height));

        var wide = Processor().Process(TestImages.Jpeg(4000, 1000), new FocalPoint(0.05, 0.5));
        var left = Assert.Single(wide.Variants, v => v.Purpose == VariantPurpose.Social).Content;
        Assert.True(TestImages.PixelAt(left, 1190, 300).Red > 200, "a focal point at the far left keeps the (red) left side");
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, ImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp, ImageFormat.WebP)]
    [InlineData(SKEncodedImageFormat.Jpeg, ImageFormat.Jpeg)]
    public void Each_accepted_format_is_read_by_its_content(SKEncodedImageFormat encoding, ImageFormat expected) =>
        Assert.Equal(expected, Processor().Process(TestImages.Encode(64, 48, encoding), FocalPoint.Centre).Source);

    [Fact]
    public void A_gif_is_accepted() =>
        Assert.Equal(ImageFormat.Gif, Processor().Process(TestImages.Gif(), FocalPoint.Centre).Source);

    [Fact]
    public void Transparency_becomes_white_in_the_jpeg_not_black()
    {
        var png = TestImages.Encode(200, 100, SKEncodedImageFormat.Png, transparentRight: true);
        var jpeg = Processor().Process(png, FocalPoint.Centre).Variants.First(v => v.Extension == "jpg" && v.Purpose == VariantPurpose.Width).Content;

        var right = TestImages.PixelAt(jpeg, 180, 50);
        Assert.True(right.Red > 240 && right.Green > 240 && right.Blue > 240, $"expected white, got {right}");
    }

    [Fact]
    public void A_decompression_bomb_is_refused_from_its_header()
    {
        var bomb = TestImages.ClaimingSize(TestImages.Jpeg(64, 64), 60000, 60000);

        Assert.Contains("megapixels", Refusal(bomb));
    }

    [Fact]
    public void A_picture_over_the_pixel_limit_is_refused() =>
        Assert.Contains("megapixels", Refusal(TestImages.Jpeg(400, 300), Processor(maxPixels: 100_000)));

    [Fact]
    public void A_file_over_the_byte_limit_is_refused() =>
        Assert.Contains("larger than", Refusal(TestImages.Jpeg(400, 300), Processor(maxBytes: 1024)));

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var jpeg = TestImages.Jpeg(800, 600);

        Assert.Contains("JPEG", Refusal(jpeg[..(jpeg.Length / 2)]));
    }

    [Fact]
    public void An_svg_is_refused_because_it_can_carry_script() =>
        Assert.Contains("SVG", Refusal("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray()));

    [Fact]
    public void An_executable_named_like_a_picture_is_refused() =>
        Assert.Contains("not a JPEG, PNG, WebP, AVIF or GIF", Refusal([.. "MZ"u8, .. new byte[200]]));

    [Fact]
    public void An_empty_file_is_refused() =>
        Assert.Contains("empty", Refusal([]));

    [Fact]
    public void A_file_that_only_starts_like_a_picture_is_refused() =>
        Assert.Contains("could not be read", Refusal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]));

    [Fact]
    public void A_polyglot_comes_out_without_its_payload()
    {
        // A real JPEG with a script (or an archive) after its end: browsers or unzip would find it; the output has none.
        var polyglot = TestImages.Jpeg(300, 200).Concat("<script>alert('polyglot')</script>PK\u0003\u0004"u8.ToArray()).ToArray();

        foreach (var variant in Processor().Process(polyglot, FocalPoint.Centre).Variants)
        {
            Assert.False(TestImages.Contains(variant.Content, "polyglot"));
            Assert.NotEqual(polyglot, variant.Content);
        }
    }

    [Fact]
    public void A_file_that_only_starts_like_an_avif_is_refused() =>
        Assert.Contains("The AVIF file could not be read", Refusal([0, 0, 0, 0x1C, .. "ftypavif"u8, 0, 0, 0, 0, .. "mif1avif"u8, .. new byte[64]]));

    [Theory]
    [InlineData(1, 2000)]
    [InlineData(2000, 1)]
    [InlineData(1, 1)]
    public void Pictures_of_extreme_shapes_still_get_every_variant(int width, int height)
    {
        var result = Processor().Process(TestImages.Encode(width, height, SKEncodedImageFormat.Png), FocalPoint.Centre);

        Assert.Contains(result.Variants, v => v.Purpose == VariantPurpose.Social);
        Assert.All(result.Variants, v => Assert.True(v.Width >= 1 && v.Height >= 1));
    }

    [Fact]
    public void A_picture_too_tall_for_any_variant_is_refused_with_a_message_not_an_error() =>
        Assert.Contains("too tall", Refusal(TestImages.Encode(300, 17000, SKEncodedImageFormat.Png)));

    [Fact]
    public void A_tall_picture_keeps_the_variants_that_can_be_encoded()
    {
        var widths = Processor().Process(TestImages.Encode(1000, 20000, SKEncodedImageFormat.Png), FocalPoint.Centre)
            .Variants.Where(v => v.Purpose == VariantPurpose.Width).Select(v => v.Width).Distinct();

        Assert.Equal([480], widths);
    }
}
