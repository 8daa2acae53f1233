using NetVips;
using SkiaSharp;
using VipsImage = NetVips.Image;

namespace MovieNews.TestSupport;

/// <summary>Pictures made for tests: real encodings from the same library, plus the hand-made oddities attackers send.</summary>
public static class TestImages
{
    /// <summary>A picture whose left half is red and right half blue, so orientation can be checked by colour.</summary>
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg, bool transparentRight = false)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        using (var red = new SKPaint { Color = SKColors.Red })
        {
            canvas.DrawRect(0, 0, width / 2f, height, red);
        }

        if (!transparentRight)
        {
            using var blue = new SKPaint { Color = SKColors.Blue };
            canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    public static byte[] Jpeg(int width, int height) => Encode(width, height);

    /// <summary>The smallest GIF there is (1 × 1).</summary>
    public static byte[] Gif() =>
    [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x21, 0xF9, 0x04,
        0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ];

    /// <summary>The latitude reference an EXIF GPS block carries in <see cref="WithExif"/>; absent from every output.</summary>
    public const string GpsMarker = "GPSMARK";

    /// <summary>Adds an EXIF block (orientation, and a GPS block) right after the JPEG's start marker.</summary>
    public static byte[] WithExif(byte[] jpeg, ushort orientation)
    {
        var payload = ExifPayload(orientation);
        var length = payload.Length + 2;
        var app1 = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)length }.Concat(payload);
        return jpeg.Take(2).Concat(app1).Concat(jpeg.Skip(2)).ToArray();
    }

    /// <summary>"Exif\0\0" and a big-endian TIFF block: IFD0 with the orientation, and a GPS IFD carrying <see cref="GpsMarker"/>.</summary>
    private static byte[] ExifPayload(ushort orientation)
    {
        var tiff = new List<byte> { (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08 };
        // IFD0 at 8: orientation and a pointer to the GPS IFD at 8 + 2 + 2 × 12 + 4 = 38.
        tiff.AddRange([0x00, 0x02]);
        tiff.AddRange([0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, (byte)(orientation >> 8), (byte)orientation, 0x00, 0x00]);
        tiff.AddRange([0x88, 0x25, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 38]);
        tiff.AddRange([0x00, 0x00, 0x00, 0x00]);
        // GPS IFD at 38: GPSLatitudeRef as an ASCII string stored at 38 + 2 + 12 + 4 = 56.
        var marker = System.Text.Encoding.ASCII.GetBytes(GpsMarker + "\0");
        tiff.AddRange([0x00, 0x01]);
        tiff.AddRange([0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, (byte)marker.Length, 0x00, 0x00, 0x00, 56]);
        tiff.AddRange([0x00, 0x00, 0x00, 0x00]);
        tiff.AddRange(marker);

        return "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
    }

    /// <summary>
    /// The same red-left, blue-right picture as an AVIF, encoded by libvips (the fastest AV1 effort: tests need
    /// no small files). With <paramref name="exifOrientation"/>, the file carries the EXIF block of
    /// <see cref="WithExif"/> (GPS included), and libvips writes that orientation as the container's rotation.
    /// With <paramref name="displayP3"/>, the colours are converted to Display P3 and its ICC profile is embedded.
    /// </summary>
    public static byte[] Avif(int width, int height, ushort? exifOrientation = null, bool transparentRight = false, int bitDepth = 8, bool displayP3 = false)
    {
        var bands = transparentRight ? 4 : 3;
        var pixels = new byte[width * height * bands];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var at = ((y * width) + x) * bands;
                var left = x < width / 2;
                (pixels[at], pixels[at + 2]) = left ? ((byte)255, (byte)0) : ((byte)0, (byte)255);
                if (transparentRight)
                {
                    pixels[at + 3] = left ? (byte)255 : (byte)0;
                    pixels[at + 2] = 0;
                }
            }
        }

        using var image = VipsImage.NewFromMemory(pixels, width, height, bands, Enums.BandFormat.Uchar);
        using var coloured = displayP3 ? image.IccTransform("p3", inputProfile: "srgb") : image.Copy();
        using var tagged = exifOrientation is { } orientation
            ? coloured.Mutate(m => m.Set(GValue.BlobType, "exif-data", ExifPayload(orientation)))
            : coloured.Copy();
        return tagged.HeifsaveBuffer(q: 80, bitdepth: bitDepth, effort: 0, compression: Enums.ForeignHeifCompression.Av1);
    }

    /// <summary>A real AVIF whose <c>ispe</c> box (the size its header declares) says <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] ClaimingAvifSize(byte[] avif, uint width, uint height)
    {
        var copy = (byte[])avif.Clone();
        var at = copy.AsSpan().IndexOf("ispe"u8);
        if (at < 0)
        {
            throw new InvalidOperationException("No ispe box found.");
        }

        // The box type, then a version and flags (4 bytes), then the width and height, big-endian.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(at + 8), width);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(at + 12), height);
        return copy;
    }

    /// <summary>A real JPEG whose frame header claims <paramref name="width"/> × <paramref name="height"/>: a decompression bomb's header.</summary>
    public static byte[] ClaimingSize(byte[] jpeg, ushort width, ushort height)
    {
        var copy = (byte[])jpeg.Clone();
        for (var i = 2; i < copy.Length - 9; i++)
        {
            if (copy[i] == 0xFF && copy[i + 1] is 0xC0 or 0xC2)
            {
                (copy[i + 5], copy[i + 6], copy[i + 7], copy[i + 8]) = ((byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width);
                return copy;
            }
        }

        throw new InvalidOperationException("No frame header found.");
    }

    public static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(needle)) >= 0;

    /// <summary>The colour at a point of a decoded picture.</summary>
    public static SKColor PixelAt(byte[] encoded, int x, int y)
    {
        using var bitmap = SKBitmap.Decode(encoded);
        return bitmap.GetPixel(x, y);
    }
}
