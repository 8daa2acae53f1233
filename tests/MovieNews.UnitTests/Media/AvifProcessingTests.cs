using Microsoft.Extensions.Options;
using MovieNews.TestSupport;
using MovieNews.Web.Features.Media;
using SkiaSharp;

namespace MovieNews.UnitTests.Media;

/// <summary>AVIF is decoded by libvips and then goes through the same SkiaSharp pipeline as every other format.</summary>
public sealed class AvifProcessingTests
{
    private static ImageProcessor Processor(long maxPixels = 50_000_000) =>
        new(Options.Create(new MediaOptions { MaxPixels = maxPixels }));

    private static string Refusal(byte[] file, ImageProcessor? processor = null) =>
        Assert.Throws<ImageRefusedException>(() => (processor ?? Processor()).Process(file, FocalPoint.Centre)).Message;

    private static byte[] FirstJpeg(ProcessedImage result) =>
        result.Variants.Where(v => v.Purpose == VariantPurpose.Width && v.Extension == "jpg").OrderBy(v => v.Width).First().Content;

    [Fact]
    public void An_avif_is_read_by_its_content_and_gets_the_same_variants_as_a_jpeg()
    {
        var avif = TestImages.Avif(2000, 1000);
        Assert.Equal(ImageFormat.Avif, ImageFormats.Detect(avif));

        var result = Processor().Process(avif, FocalPoint.Centre);
        var jpeg = Processor().Process(TestImages.Jpeg(2000, 1000), FocalPoint.Centre);

        Assert.Equal((ImageFormat.Avif, 2000, 1000), (result.Source, result.Width, result.Height));
        Assert.Equal(
            jpeg.Variants.Select(v => (v.Purpose, v.Width, v.Height, v.Extension)).Order(),
            result.Variants.Select(v => (v.Purpose, v.Width, v.Height, v.Extension)).Order());
        foreach (var variant in result.Variants)
        {
            using var codec = SKCodec.Create(new SKMemoryStream(variant.Content));
            Assert.Equal((variant.Width, variant.Height), (codec.Info.Width, codec.Info.Height));
            Assert.Equal(variant.Extension == "webp" ? SKEncodedImageFormat.Webp : SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        }
    }

    [Fact]
    public void An_avifs_colours_come_through()
    {
        var small = FirstJpeg(Processor().Process(TestImages.Avif(600, 300), FocalPoint.Centre));

        var (left, right) = (TestImages.PixelAt(small, 60, 120), TestImages.PixelAt(small, 420, 120));
        Assert.True(left.Red > 200 && left.Blue < 60, $"the left should be red, got {left}");
        Assert.True(right.Blue > 200 && right.Red < 60, $"the right should be blue, got {right}");
    }

    [Fact]
    public void An_avifs_rotation_is_applied_once()
    {
        // libvips writes EXIF orientation 6 as the container's irot; the decoder must turn it a quarter, not twice.
        var rotated = TestImages.Avif(200, 100, exifOrientation: 6);

        var result = Processor().Process(rotated, FocalPoint.Centre);

        Assert.Equal((100, 200), (result.Width, result.Height));
        var jpeg = FirstJpeg(result);
        Assert.True(TestImages.PixelAt(jpeg, 50, 30).Red > 200, "the top should be red");
        Assert.True(TestImages.PixelAt(jpeg, 50, 170).Blue > 200, "the bottom should be blue");
    }

    [Fact]
    public void No_metadata_and_no_gps_comes_out_of_an_avif()
    {
        var withGps = TestImages.Avif(800, 600, exifOrientation: 1);
        Assert.True(TestImages.Contains(withGps, TestImages.GpsMarker), "the test AVIF should carry the GPS block");

        foreach (var variant in Processor().Process(withGps, FocalPoint.Centre).Variants)
        {
            Assert.False(TestImages.Contains(variant.Content, TestImages.GpsMarker), "GPS data survived");
            Assert.False(TestImages.Contains(variant.Content, "Exif"), "an EXIF block survived");
        }
    }

    [Fact]
    public void An_avif_bomb_is_refused_from_its_header()
    {
        // 60000 × 60000 declared in the ispe box over 64 × 64 of AV1 data: decoding would fail differently.
        var bomb = TestImages.ClaimingAvifSize(TestImages.Avif(64, 64), 60000, 60000);

        var message = Refusal(bomb);

        Assert.Contains("60,000 × 60,000", message, StringComparison.Ordinal);
        Assert.Contains("megapixels", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_avif_over_the_pixel_limit_is_refused() =>
        Assert.Contains("megapixels", Refusal(TestImages.Avif(400, 300), Processor(maxPixels: 100_000)));

    [Fact]
    public void A_truncated_avif_is_refused_with_a_message()
    {
        var avif = TestImages.Avif(800, 600);

        Assert.Contains("cut short", Refusal(avif[..(avif.Length / 2)]));
    }

    [Fact]
    public void An_avif_whose_pixels_do_not_match_its_header_is_refused_with_a_message() =>
        // The header passes (a smaller size than the limit), the AV1 data then fails to decode.
        Assert.Contains("The AVIF file could not be read", Refusal(TestImages.ClaimingAvifSize(TestImages.Avif(300, 200), 400, 300)));

    [Fact]
    public void Transparency_in_an_avif_becomes_white_in_the_jpeg()
    {
        var jpeg = FirstJpeg(Processor().Process(TestImages.Avif(200, 100, transparentRight: true), FocalPoint.Centre));

        var right = TestImages.PixelAt(jpeg, 180, 50);
        Assert.True(right.Red > 240 && right.Green > 240 && right.Blue > 240, $"expected white, got {right}");
        Assert.True(TestImages.PixelAt(jpeg, 20, 50).Red > 200, "the opaque left stays red");
    }

    [Fact]
    public void A_display_p3_avif_is_converted_to_srgb_by_its_profile()
    {
        // sRGB red is about (234, 51, 35) in Display P3: read without its profile it would come out dull.
        var jpeg = FirstJpeg(Processor().Process(TestImages.Avif(200, 100, displayP3: true), FocalPoint.Centre));

        var left = TestImages.PixelAt(jpeg, 20, 50);
        Assert.True(left.Red > 245 && left.Green < 25, $"expected sRGB red, got {left}");
    }

    [Fact]
    public void A_ten_bit_avif_is_read()
    {
        var result = Processor().Process(TestImages.Avif(320, 240, bitDepth: 10), FocalPoint.Centre);

        Assert.Equal((320, 240), (result.Width, result.Height));
        Assert.True(TestImages.PixelAt(FirstJpeg(result), 40, 120).Red > 200, "the left should be red");
    }

    [Fact]
    public void An_animated_avif_gives_its_first_frame()
    {
        // Two 64 × 48 frames made by avifenc (tests/data/media/README.md): red then blue on the left.
        var animated = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "data", "media", "animated-2-frames.avif"));
        Assert.Equal("avis", System.Text.Encoding.ASCII.GetString(animated, 8, 4));

        var result = Processor().Process(animated, FocalPoint.Centre);

        Assert.Equal((ImageFormat.Avif, 64, 48), (result.Source, result.Width, result.Height));
        var jpeg = FirstJpeg(result);
        Assert.True(TestImages.PixelAt(jpeg, 8, 24).Red > 200, "the first frame's left is red");
        Assert.True(TestImages.PixelAt(jpeg, 56, 24).Blue > 200, "the first frame's right is blue");
    }
}
