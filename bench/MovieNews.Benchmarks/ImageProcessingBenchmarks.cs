using System.Buffers.Binary;
using System.Text;
using BenchmarkDotNet.Attributes;
using NetVips;
using SkiaSharp;
using VipsImage = NetVips.Image;
using VipsRuntime = NetVips.NetVips;

namespace MovieNews.Benchmarks;

/// <summary>
/// The planned media library's upload job, once per library (ADR-006): a 24-megapixel camera JPEG with EXIF
/// orientation 6 and GPS tags in, seven variants out (1600, 960 and 480 px wide as WebP q80 and JPEG q82, and a
/// 1200×630 centre crop as JPEG q82), upright and without metadata. Peak native memory is not visible here
/// (MemoryDiagnoser counts managed allocations only): <c>--peak</c> in <see cref="ImageProcessingTool"/> measures it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class ImageProcessingBenchmarks
{
    private byte[] _photo = [];

    [GlobalSetup]
    public void Setup()
    {
        _photo = TestPhoto.Create();
        ImageVariants.ConfigureVips(concurrency: null);
    }

    [GlobalSetup(Target = nameof(NetVipsDecodeOnceOneThread))]
    public void SetupOneThread()
    {
        _photo = TestPhoto.Create();
        ImageVariants.ConfigureVips(concurrency: 1);
    }

    /// <summary>One scaled decode (libjpeg DCT scaling), rotate and resize in one draw, cascade down.</summary>
    [Benchmark(Baseline = true)]
    public IReadOnlyList<ImageVariant> Skia() => ImageVariants.WithSkia(_photo);

    /// <summary>One shrink-on-load thumbnail at the largest width, the other variants from it in memory.</summary>
    [Benchmark]
    public IReadOnlyList<ImageVariant> NetVipsDecodeOnce() => ImageVariants.WithVipsDecodeOnce(_photo);

    /// <summary>libvips' textbook use: a <c>thumbnail_buffer</c> from the upload bytes for every size.</summary>
    [Benchmark]
    public IReadOnlyList<ImageVariant> NetVipsThumbnailPerVariant() => ImageVariants.WithVipsThumbnailPerVariant(_photo);

    /// <summary>As <see cref="NetVipsDecodeOnce"/> on one libvips worker thread: CPU cost comparable to Skia's.</summary>
    [Benchmark]
    public IReadOnlyList<ImageVariant> NetVipsDecodeOnceOneThread() => ImageVariants.WithVipsDecodeOnce(_photo);
}

/// <summary>One encoded output of the job.</summary>
public sealed record ImageVariant(string Name, int Width, int Height, byte[] Bytes);

/// <summary>The job, written the way each library is meant to be used.</summary>
public static class ImageVariants
{
    /// <summary>Widths of the resized variants, largest first (Skia cascades down from the largest).</summary>
    public static readonly int[] Widths = [1600, 960, 480];

    public const int WebpQuality = 80;
    public const int JpegQuality = 82;
    public const int SocialWidth = 1200;
    public const int SocialHeight = 630;

    /// <summary>A height no photo reaches, so libvips' thumbnail fits the width alone.</summary>
    private const int Unbounded = 1_000_000;

    private static readonly SKSamplingOptions _mitchell = new(SKCubicResampler.Mitchell);
    private static readonly SKWebpEncoderOptions _skiaWebp = new(SKWebpEncoderCompression.Lossy, WebpQuality);
    private static readonly SKJpegEncoderOptions _skiaJpeg = new(JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);

    /// <summary>
    /// No operation cache (it would answer repeated benchmark calls from memory) and, optionally, a fixed number
    /// of libvips worker threads. Also loads libvips, so its code is resident before a memory baseline is taken.
    /// </summary>
    public static void ConfigureVips(int? concurrency)
    {
        Cache.Max = 0;
        Cache.MaxMem = 0;
        Cache.MaxFiles = 0;
        if (concurrency is { } threads)
        {
            VipsRuntime.Concurrency = threads;
        }
    }

    /// <summary>
    /// SkiaSharp: decode once at the smallest libjpeg scale (1/8 steps) that still covers the largest variant and
    /// the crop, rotate per <see cref="SKCodec.EncodedOrigin"/> and resize in the same draw (Mitchell cubic), then
    /// cascade 1600 → 960 → 480 (each step at most 2×, which a fixed 4-tap cubic needs to stay free of aliasing).
    /// Skia's encoders write no EXIF, XMP or GPS: only what is passed to them.
    /// </summary>
    public static IReadOnlyList<ImageVariant> WithSkia(byte[] photo)
    {
        using var data = SKData.CreateCopy(photo);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("SkiaSharp cannot decode this image.");
        var origin = codec.EncodedOrigin;
        var raw = codec.Info;
        var swapsAxes = SwapsAxes(origin);
        var (uprightWidth, uprightHeight) = swapsAxes ? (raw.Height, raw.Width) : (raw.Width, raw.Height);

        var largestWidth = Math.Min(Widths[0], uprightWidth);
        var needed = Math.Max(
            (double)largestWidth / uprightWidth,
            Math.Max((double)SocialWidth / uprightWidth, (double)SocialHeight / uprightHeight));
        var decodeSize = SmallestDecodeSize(codec, needed);

        // Convert to sRGB while decoding (a Display P3 phone photo would otherwise lose its colours once stripped),
        // but encode without a colour space, so no ICC profile is written: untagged means sRGB on the web.
        var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Opaque, SKColorSpace.CreateSrgb());
        using var decoded = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new InvalidDataException($"SkiaSharp could not decode the image: {result}.");
        }

        decoded.SetImmutable();
        using var source = SKImage.FromBitmap(decoded);
        var toUpright = OrientationMatrix(origin, decodeSize.Width, decodeSize.Height);
        var (sourceWidth, sourceHeight) = swapsAxes ? (decodeSize.Height, decodeSize.Width) : (decodeSize.Width, decodeSize.Height);
        var outputInfo = new SKImageInfo(1, 1, SKColorType.Rgba8888, SKAlphaType.Opaque);

        var variants = new List<ImageVariant>(7);
        var largestHeight = ScaledHeight(uprightWidth, uprightHeight, largestWidth);
        var current = Draw(
            source,
            outputInfo.WithSize(largestWidth, largestHeight),
            SKMatrix.CreateScale((float)largestWidth / sourceWidth, (float)largestHeight / sourceHeight).PreConcat(toUpright));
        try
        {
            AddSkiaPair(variants, current);
            foreach (var width in Widths.Skip(1).Where(w => w < largestWidth))
            {
                var next = new SKBitmap(outputInfo.WithSize(width, ScaledHeight(uprightWidth, uprightHeight, width)));
                current.ScalePixels(next, _mitchell);
                current.Dispose();
                current = next;
                AddSkiaPair(variants, current);
            }
        }
        finally
        {
            current.Dispose();
        }

        var cover = Math.Max((float)SocialWidth / sourceWidth, (float)SocialHeight / sourceHeight);
        var toSocial = SKMatrix.CreateTranslation((SocialWidth - (sourceWidth * cover)) / 2, (SocialHeight - (sourceHeight * cover)) / 2)
            .PreConcat(SKMatrix.CreateScale(cover, cover))
            .PreConcat(toUpright);
        using var social = Draw(source, outputInfo.WithSize(SocialWidth, SocialHeight), toSocial);
        variants.Add(new ImageVariant("social.jpg", social.Width, social.Height, SkiaEncode(social, webp: false)));
        return variants;
    }

    /// <summary>
    /// NetVips: one <c>thumbnail_buffer</c> (shrink-on-load, auto-rotate) at the largest width, copied to memory so
    /// that its two saves and the smaller thumbnails do not each decode the upload again.
    /// </summary>
    public static IReadOnlyList<ImageVariant> WithVipsDecodeOnce(byte[] photo)
    {
        var variants = new List<ImageVariant>(7);
        using var thumbnail = VipsImage.ThumbnailBuffer(photo, Widths[0], height: Unbounded, size: Enums.Size.Down);
        using var largest = thumbnail.CopyMemory();
        AddVipsPair(variants, largest);
        foreach (var width in Widths.Skip(1))
        {
            using var smaller = largest.ThumbnailImage(width, height: Unbounded, size: Enums.Size.Down);
            using var inMemory = smaller.CopyMemory();
            AddVipsPair(variants, inMemory);
        }

        using var social = largest.ThumbnailImage(SocialWidth, height: SocialHeight, crop: Enums.Interesting.Centre);
        variants.Add(new ImageVariant("social.jpg", social.Width, social.Height, VipsJpeg(social)));
        return variants;
    }

    /// <summary>NetVips: a <c>thumbnail_buffer</c> from the upload for every variant (each with its best shrink-on-load).</summary>
    public static IReadOnlyList<ImageVariant> WithVipsThumbnailPerVariant(byte[] photo)
    {
        var variants = new List<ImageVariant>(7);
        foreach (var width in Widths)
        {
            using var thumbnail = VipsImage.ThumbnailBuffer(photo, width, height: Unbounded, size: Enums.Size.Down);
            using var inMemory = thumbnail.CopyMemory();
            AddVipsPair(variants, inMemory);
        }

        using var social = VipsImage.ThumbnailBuffer(photo, SocialWidth, height: SocialHeight, crop: Enums.Interesting.Centre);
        variants.Add(new ImageVariant("social.jpg", social.Width, social.Height, VipsJpeg(social)));
        return variants;
    }

    private static void AddSkiaPair(List<ImageVariant> variants, SKBitmap bitmap)
    {
        variants.Add(new ImageVariant($"w{bitmap.Width}.webp", bitmap.Width, bitmap.Height, SkiaEncode(bitmap, webp: true)));
        variants.Add(new ImageVariant($"w{bitmap.Width}.jpg", bitmap.Width, bitmap.Height, SkiaEncode(bitmap, webp: false)));
    }

    private static void AddVipsPair(List<ImageVariant> variants, VipsImage image)
    {
        variants.Add(new ImageVariant($"w{image.Width}.webp", image.Width, image.Height, image.WebpsaveBuffer(q: WebpQuality, keep: Enums.ForeignKeep.None)));
        variants.Add(new ImageVariant($"w{image.Width}.jpg", image.Width, image.Height, VipsJpeg(image)));
    }

    /// <summary>Optimised Huffman tables, as Skia's encoder always writes (7% smaller at the same quality).</summary>
    private static byte[] VipsJpeg(VipsImage image) => image.JpegsaveBuffer(q: JpegQuality, optimizeCoding: true, keep: Enums.ForeignKeep.None);

    private static byte[] SkiaEncode(SKBitmap bitmap, bool webp)
    {
        using var pixmap = bitmap.PeekPixels();
        using var encoded = webp ? pixmap.Encode(_skiaWebp) : pixmap.Encode(_skiaJpeg);
        return encoded?.ToArray() ?? throw new InvalidOperationException("SkiaSharp could not encode the variant.");
    }

    private static SKBitmap Draw(SKImage source, SKImageInfo info, SKMatrix matrix)
    {
        var target = new SKBitmap(info);
        using var canvas = new SKCanvas(target);
        canvas.SetMatrix(matrix);
        canvas.DrawImage(source, 0, 0, _mitchell);
        return target;
    }

    private static int ScaledHeight(int width, int height, int newWidth) => Math.Max(1, (int)Math.Round((double)height * newWidth / width));

    /// <summary>The smallest size the codec decodes to directly (JPEG: n/8) that is at least <paramref name="scale"/> of the original.</summary>
    private static SKSizeI SmallestDecodeSize(SKCodec codec, double scale)
    {
        var full = codec.Info.Size;
        for (var eighths = 1; eighths < 8; eighths++)
        {
            var size = codec.GetScaledDimensions(eighths / 8f);
            if (size.Width >= full.Width * scale && size.Height >= full.Height * scale)
            {
                return size;
            }
        }

        return full;
    }

    private static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Maps stored pixels (width × height as decoded) to the upright picture, as EXIF orientation 1–8 says.</summary>
    private static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}

/// <summary>
/// A deterministic stand-in for a camera photo: 6000×4000, smooth light, hard edges, fine texture and sensor-like
/// noise (so it compresses like a photo, 5–10 MB at quality 90), with an EXIF block that says "rotate 90° clockwise"
/// (orientation 6) and carries GPS coordinates and a canary string that no output may contain.
/// </summary>
public static class TestPhoto
{
    public const int Width = 6000;
    public const int Height = 4000;
    public const ushort Orientation = 6;

    /// <summary>Written into the EXIF Artist tag; finding it in an output means metadata leaked.</summary>
    public const string ExifCanary = "MovieNews-EXIF-canary";

    public static byte[] Create(int width = Width, int height = Height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using var pixmap = bitmap.PeekPixels();
        Paint(pixmap.GetPixelSpan<uint>(), width, height);
        using var jpeg = pixmap.Encode(new SKJpegEncoderOptions(90, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the test photo.");
        return ExifSegment.Insert(jpeg.ToArray(), ExifSegment.Build(Orientation, ExifCanary));
    }

    /// <summary>
    /// The same photo as an AVIF, as a phone or an export from an editor would give it: libvips (libheif + aom),
    /// q60, 8-bit 4:2:0, effort 2; the same EXIF block (orientation 6, GPS, canary), which libvips also writes as
    /// the container's <c>irot</c> rotation.
    /// </summary>
    public static byte[] CreateAvif(int width = 4000, int height = 3000)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        using var pixmap = bitmap.PeekPixels();
        Paint(pixmap.GetPixelSpan<uint>(), width, height);
        using var rgba = VipsImage.NewFromMemory(bitmap.GetPixels(), (ulong)bitmap.ByteCount, width, height, 4, Enums.BandFormat.Uchar);
        using var rgb = rgba.ExtractBand(0, n: 3);
        var exif = ExifSegment.Build(Orientation, ExifCanary)[4..];
        using var tagged = rgb.Mutate(m => m.Set(GValue.BlobType, "exif-data", exif));
        return tagged.HeifsaveBuffer(q: 60, effort: 2, compression: Enums.ForeignHeifCompression.Av1);
    }

    private static void Paint(Span<uint> pixels, int width, int height)
    {
        var state = 0x2545F491u;
        var sunX = width * 0.22;
        var sunY = height * 0.25;
        var sunRadius = height * 0.12;
        for (var y = 0; y < height; y++)
        {
            var v = (double)y / height;
            var row = pixels.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                var u = (double)x / width;

                // Sky fading into ground, with slow waves of light.
                var light = 0.75 + (0.15 * Math.Sin((u * 5.1) + (v * 2.3))) + (0.1 * Math.Cos((u * 1.7) - (v * 7.9)));
                double r, g, b;
                if (v < 0.55 + (0.04 * Math.Sin(u * 9)))
                {
                    r = 90 + (110 * v);
                    g = 140 + (70 * v);
                    b = 230 - (40 * v);
                }
                else
                {
                    var grass = 0.5 + (0.5 * Math.Sin((x * 0.21) + (Math.Sin(y * 0.05) * 3)) * Math.Cos(y * 0.33));
                    r = 70 + (40 * grass);
                    g = 110 + (60 * grass);
                    b = 40 + (20 * grass);
                }

                // Hard-edged "buildings" and a soft sun in the stored image's top-left quadrant.
                var block = (int)(u * 12);
                if (v > 0.35 + (0.12 * ((block * 7919) % 5) / 4.0) && v < 0.8 && (block % 3) != 1)
                {
                    r = 120 + (block * 9);
                    g = 100 + (block * 5);
                    b = 95 + (block * 3);
                    if (((x / 40) + (y / 60)) % 4 == 0)
                    {
                        r *= 0.55;
                        g *= 0.6;
                        b *= 0.7;
                    }
                }

                var dx = x - sunX;
                var dy = y - sunY;
                var sun = Math.Clamp(1.2 - (Math.Sqrt((dx * dx) + (dy * dy)) / sunRadius), 0, 1);
                r = (r * light) + (sun * 200);
                g = (g * light) + (sun * 170);
                b = (b * light) + (sun * 60);

                // Sensor noise: mostly luminance, a little chroma.
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                var luma = ((int)(state & 0xFF) + (int)((state >> 8) & 0xFF) - 255) / 14.0;
                var chroma = ((int)((state >> 16) & 0xFF) - 128) / 40.0;
                row[x] = Pack(r + luma + chroma, g + luma, b + luma - chroma);
            }
        }
    }

    private static uint Pack(double r, double g, double b) =>
        Channel(r) | (Channel(g) << 8) | (Channel(b) << 16) | 0xFF000000u;

    private static uint Channel(double value) => (uint)Math.Clamp((int)value, 0, 255);
}

/// <summary>Builds and inserts a small EXIF APP1 segment (little-endian TIFF): orientation, artist, GPS.</summary>
public static class ExifSegment
{
    private const ushort Byte = 1;
    private const ushort Ascii = 2;
    private const ushort Short = 3;
    private const ushort Long = 4;
    private const ushort Rational = 5;

    public static byte[] Build(ushort orientation, string artist)
    {
        var description = Even(Encoding.ASCII.GetBytes("MovieNews test photo\0"));
        var artistBytes = Even(Encoding.ASCII.GetBytes(artist + "\0"));
        const int ifd0 = 8;
        const int ifd0Entries = 4;
        var descriptionOffset = ifd0 + 2 + (ifd0Entries * 12) + 4;
        var artistOffset = descriptionOffset + description.Length;
        var gpsOffset = artistOffset + artistBytes.Length;
        const int gpsEntries = 5;
        var latitudeOffset = gpsOffset + 2 + (gpsEntries * 12) + 4;
        var longitudeOffset = latitudeOffset + 24;
        var tiff = new byte[longitudeOffset + 24];
        var span = tiff.AsSpan();

        "II"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], ifd0);

        var at = ifd0;
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], ifd0Entries);
        at += 2;
        at = Entry(span, at, 0x010E, Ascii, (uint)description.Length, (uint)descriptionOffset);
        at = Entry(span, at, 0x0112, Short, 1, orientation);
        at = Entry(span, at, 0x013B, Ascii, (uint)artistBytes.Length, (uint)artistOffset);
        at = Entry(span, at, 0x8825, Long, 1, (uint)gpsOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], 0);
        description.CopyTo(span[descriptionOffset..]);
        artistBytes.CopyTo(span[artistOffset..]);

        at = gpsOffset;
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], gpsEntries);
        at += 2;
        at = Entry(span, at, 0x0000, Byte, 4, 0x0000_0302); // GPSVersionID 2.3.0.0
        at = Entry(span, at, 0x0001, Ascii, 2, 'N');
        at = Entry(span, at, 0x0002, Rational, 3, (uint)latitudeOffset);
        at = Entry(span, at, 0x0003, Ascii, 2, 'E');
        at = Entry(span, at, 0x0004, Rational, 3, (uint)longitudeOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], 0);
        Rationals(span[latitudeOffset..], (52, 1), (31, 1), (1234, 100));
        Rationals(span[longitudeOffset..], (13, 1), (24, 1), (5678, 100));

        var segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment.AsSpan(10));
        return segment;
    }

    /// <summary>Puts <paramref name="app1"/> after SOI and, if there is one, the JFIF APP0 segment.</summary>
    public static byte[] Insert(byte[] jpeg, byte[] app1)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new InvalidDataException("Not a JPEG.");
        }

        var at = 2;
        if (jpeg[2] == 0xFF && jpeg[3] == 0xE0)
        {
            at = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4));
        }

        return [.. jpeg.AsSpan(0, at), .. app1, .. jpeg.AsSpan(at)];
    }

    private static int Entry(Span<byte> tiff, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(tiff[at..], tag);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff[(at + 2)..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff[(at + 4)..], count);
        if (type == Short)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(tiff[(at + 8)..], (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(tiff[(at + 8)..], value);
        }

        return at + 12;
    }

    private static void Rationals(Span<byte> target, params (uint Numerator, uint Denominator)[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(target[(i * 8)..], values[i].Numerator);
            BinaryPrimitives.WriteUInt32LittleEndian(target[((i * 8) + 4)..], values[i].Denominator);
        }
    }

    private static byte[] Even(byte[] bytes) => bytes.Length % 2 == 0 ? bytes : [.. bytes, 0];
}
