using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Options;
using MovieNews.Web.Features.Media;
using NetVips;
using SkiaSharp;
using VipsImage = NetVips.Image;
using VipsRuntime = NetVips.NetVips;

namespace MovieNews.Benchmarks;

/// <summary>
/// Two modes of the benchmark program for ADR-006 that BenchmarkDotNet cannot give:
/// <list type="bullet">
/// <item><c>--peak skia|vips|vips-per-variant|vips-1thread|app-avif|app-jpeg</c>: the job five times in this fresh process, then the
/// peak resident set (VmHWM, native memory included) above the resident set just before the first run.</item>
/// <item><c>--image-check [folder]</c>: writes every library's outputs, checks their sizes, orientation and that no
/// metadata survived, and tries AVIF and GIF in both libraries.</item>
/// </list>
/// They run from a module initializer, before <c>Program.cs</c> hands the arguments to BenchmarkDotNet.
/// </summary>
internal static class ImageProcessingTool
{
    private const int PeakRuns = 5;

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "This is the benchmark executable; it claims two switches before BenchmarkSwitcher parses the rest.")]
    internal static void RunIfAsked()
    {
        var args = Environment.GetCommandLineArgs();
        if (args.Length < 2 || args[1] is not ("--peak" or "--image-check"))
        {
            return;
        }

        try
        {
            Environment.Exit(args[1] == "--peak"
                ? Peak(args.Length > 2 ? args[2] : "")
                : Check(args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "movienews-image-check")));
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine(exception);
            Environment.Exit(1);
        }
    }

    private static int Peak(string mode)
    {
        Func<byte[], IReadOnlyList<ImageVariant>>? job = mode switch
        {
            "skia" => ImageVariants.WithSkia,
            "vips" or "vips-1thread" => ImageVariants.WithVipsDecodeOnce,
            "vips-per-variant" => ImageVariants.WithVipsThumbnailPerVariant,
            "app-avif" or "app-jpeg" => WithApp,
            _ => null,
        };
        if (job is null)
        {
            Console.Error.WriteLine("usage: --peak skia|vips|vips-per-variant|vips-1thread|app-avif|app-jpeg");
            return 2;
        }

        // Both native libraries are loaded (Skia made the photo; ConfigureVips loads libvips) before the baseline,
        // so the difference is the job's working memory, whichever library runs it. The app modes run the site's
        // own ImageProcessor on a 4000×3000 photo, as an AVIF (libvips decodes, Skia makes the variants) or a JPEG.
        var photo = mode switch
        {
            "app-avif" => TestPhoto.CreateAvif(),
            "app-jpeg" => TestPhoto.Create(4000, 3000),
            _ => TestPhoto.Create(),
        };
        ImageVariants.ConfigureVips(mode == "vips-1thread" ? 1 : null);
        if (mode == "app-avif")
        {
            // The decoder's own set-up (no cache, one libvips thread) happens on its first use, before the baseline.
            using var tiny = VipsImage.Black(8, 8, bands: 3);
            _ = _app.Process(tiny.HeifsaveBuffer(compression: Enums.ForeignHeifCompression.Av1, effort: 0), FocalPoint.Centre);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var reset = TryResetPeak();
        var baselineKb = ReadStatusKb("VmRSS");
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var timings = new List<double>();
        var peaks = new List<long>();
        long outputBytes = 0;
        for (var run = 0; run < PeakRuns; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            outputBytes = job(photo).Sum(v => (long)v.Bytes.Length);
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
            peaks.Add(ReadStatusKb("VmHWM") - baselineKb);
        }

        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / PeakRuns;
        var peakKb = ReadStatusKb("VmHWM");
        Console.WriteLine($"mode={mode} runs={PeakRuns} input={photo.Length / 1024.0 / 1024.0:F2} MB outputs={outputBytes / 1024.0:F0} KB");
        Console.WriteLine($"wall ms per run: {string.Join(" ", timings.Select(t => t.ToString("F0")))}; cpu ms per run (avg): {cpuMs:F0}");
        Console.WriteLine($"peak above baseline after each run, MB: {string.Join(" ", peaks.Select(p => (p / 1024.0).ToString("F0")))}; VmRSS now={ReadStatusKb("VmRSS") / 1024.0:F1} MB");
        Console.WriteLine($"baseline VmRSS={baselineKb / 1024.0:F1} MB  VmHWM={peakKb / 1024.0:F1} MB  peak above baseline={(peakKb - baselineKb) / 1024.0:F1} MB"
            + (reset ? "" : "  (VmHWM could not be reset: it includes making the test photo)"));
        return 0;
    }

    private static readonly ImageProcessor _app = new(Options.Create(new MediaOptions()));

    /// <summary>The site's own upload processing, outputs checked for the EXIF canary and GPS like the others.</summary>
    private static List<ImageVariant> WithApp(byte[] upload)
    {
        var variants = _app.Process(upload, FocalPoint.Centre).Variants
            .Select(v => new ImageVariant($"{v.Purpose.ToString().ToLowerInvariant()}{v.Width}x{v.Height}.{v.Extension}", v.Width, v.Height, v.Content))
            .ToList();
        if (variants.Any(v => Contains(v.Bytes, TestPhoto.ExifCanary) || Contains(v.Bytes, "Exif\0\0")))
        {
            throw new InvalidOperationException("Metadata survived the site's processing.");
        }

        return variants;
    }

    private static int Check(string folder)
    {
        Directory.CreateDirectory(folder);
        var photo = TestPhoto.Create();
        File.WriteAllBytes(Path.Combine(folder, "input.jpg"), photo);
        ImageVariants.ConfigureVips(null);
        var failures = 0;

        using (var codec = SKCodec.Create(SKData.CreateCopy(photo)))
        using (var header = VipsImage.NewFromBuffer(photo))
        {
            Console.WriteLine($"input: {photo.Length / 1024.0 / 1024.0:F2} MB, {codec.Info.Width}×{codec.Info.Height}; "
                + $"SkiaSharp EncodedOrigin={codec.EncodedOrigin}; libvips orientation={header.Get("orientation")}, "
                + $"has GPS fields={header.GetFields().Any(f => f.Contains("gps", StringComparison.OrdinalIgnoreCase))}, "
                + $"canary in input={Contains(photo, TestPhoto.ExifCanary)}");
        }

        Console.WriteLine($"libvips {VipsRuntime.Version(0)}.{VipsRuntime.Version(1)}.{VipsRuntime.Version(2)}, SkiaSharp {typeof(SKCodec).Assembly.GetName().Version}");
        var results = new Dictionary<string, IReadOnlyList<ImageVariant>>
        {
            ["skia"] = ImageVariants.WithSkia(photo),
            ["vips"] = ImageVariants.WithVipsDecodeOnce(photo),
            ["vips-per-variant"] = ImageVariants.WithVipsThumbnailPerVariant(photo),
        };
        foreach (var (library, variants) in results)
        {
            foreach (var variant in variants)
            {
                File.WriteAllBytes(Path.Combine(folder, $"{library}-{variant.Name}"), variant.Bytes);
                using var decoded = SKBitmap.Decode(variant.Bytes);
                var metadata = variant.Name.EndsWith(".jpg", StringComparison.Ordinal) ? JpegSegments(variant.Bytes) : WebpChunks(variant.Bytes);
                var leaks = Contains(variant.Bytes, "Exif\0\0") || Contains(variant.Bytes, TestPhoto.ExifCanary)
                    || metadata.Any(m => m is "EXIF" or "XMP " or "ICCP" || m.StartsWith("APP1", StringComparison.Ordinal)
                        || m.StartsWith("APP2", StringComparison.Ordinal) || m.StartsWith("APP13", StringComparison.Ordinal));
                var sizeOk = decoded is not null && decoded.Width == variant.Width && decoded.Height == variant.Height;
                failures += leaks || !sizeOk ? 1 : 0;
                Console.WriteLine($"{library,-17} {variant.Name,-11} {variant.Width}×{variant.Height} {variant.Bytes.Length / 1024.0,7:F1} KB  "
                    + $"[{string.Join(",", metadata)}] {(leaks ? "METADATA LEAK" : "no EXIF/GPS/XMP/ICC")}{(sizeOk ? "" : " WRONG SIZE")}");
            }
        }

        // Same picture, same way up? Compare the small JPEGs pixel by pixel (a wrong rotation differs by ~50+).
        // PNG previews to look at; the input as stored (sun top left) should come out turned clockwise (sun top right).
        foreach (var name in new[] { "w480.jpg", "social.jpg" })
        {
            using var skia = SKBitmap.Decode(results["skia"].Single(v => v.Name == name).Bytes);
            using var vips = SKBitmap.Decode(results["vips"].Single(v => v.Name == name).Bytes);
            Console.WriteLine($"mean |skia - vips| per channel, {name}: {MeanAbsoluteDifference(skia, vips):F2} (of 255)");
            SavePng(skia, Path.Combine(folder, $"preview-skia-{name}.png"));
            SavePng(vips, Path.Combine(folder, $"preview-vips-{name}.png"));
        }

        using (var stored = VipsImage.ThumbnailBuffer(photo, 480, height: 480, noRotate: true))
        {
            stored.WriteToFile(Path.Combine(folder, "preview-input-as-stored.png"));
        }

        Capabilities(folder);
        using (var largest = VipsImage.ThumbnailBuffer(photo, ImageVariants.Widths[0], height: 1_000_000).CopyMemory())
        {
            var stopwatch = Stopwatch.StartNew();
            var avif = largest.HeifsaveBuffer(q: 60, compression: Enums.ForeignHeifCompression.Av1, keep: Enums.ForeignKeep.None);
            Console.WriteLine($"libvips AVIF q60 of the {largest.Width}×{largest.Height} variant: {avif.Length / 1024.0:F1} KB in {stopwatch.ElapsedMilliseconds} ms");
        }

        Console.WriteLine(failures == 0 ? "all outputs upright-sized and metadata-free" : $"{failures} output(s) failed");
        return failures == 0 ? 0 : 1;
    }

    private static void Capabilities(string folder)
    {
        // A small picture without EXIF (the PNG), so orientation plays no part here.
        using var bitmap = SKBitmap.Decode(TestPhoto.Create(600, 400));
        using var pixmap = bitmap.PeekPixels();
        using var encodedPng = pixmap.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException("No PNG encoder.");
        var small = encodedPng.ToArray();
        var png = Path.Combine(folder, "sample.png");
        File.WriteAllBytes(png, small);

        // AVIF encode.
        using (var skiaAvif = pixmap.Encode(SKEncodedImageFormat.Avif, 60))
        {
            Console.WriteLine($"SkiaSharp encode AVIF: {(skiaAvif is null ? "no (Encode returns null)" : $"yes, {skiaAvif.Size} bytes")}");
        }

        byte[]? avif = null;
        using (var image = VipsImage.NewFromBuffer(small))
        {
            Console.WriteLine($"libvips encode AVIF: {Try(() => $"yes, {(avif = image.HeifsaveBuffer(q: 60, compression: Enums.ForeignHeifCompression.Av1, keep: Enums.ForeignKeep.None)).Length} bytes")}");
            Console.WriteLine($"libvips encode HEIC (HEVC, heifsave's default): {Try(() => $"yes, {image.HeifsaveBuffer(q: 60).Length} bytes")}");
            Console.WriteLine($"libvips save to .avif file: {Try(() =>
            {
                image.WriteToFile(Path.Combine(folder, "sample-libvips-file.avif"), new VOption { { "Q", 60 } });
                return "yes";
            })}");
            Console.WriteLine($"libvips operations: heifload_buffer={HasOperation("heifload_buffer")}, heifsave_buffer={HasOperation("heifsave_buffer")}, "
                + $"gifload_buffer={HasOperation("gifload_buffer")}, gifsave_buffer={HasOperation("gifsave_buffer")}, jxlload_buffer={HasOperation("jxlload_buffer")}");
        }

        // An AVIF from avifenc (Debian's libavif-bin), if it is installed.
        var avifPath = Path.Combine(folder, "sample-avifenc.avif");

        File.Delete(avifPath);
        Console.WriteLine($"avifenc: {Try(() => RunTool("avifenc", "-s", "8", png, avifPath))}");
        foreach (var (source, sample) in new[] { ("libvips", avif), ("avifenc", File.Exists(avifPath) ? File.ReadAllBytes(avifPath) : null) })
        {
            if (sample is null)
            {
                Console.WriteLine($"decode AVIF from {source}: no sample");
                continue;
            }

            File.WriteAllBytes(Path.Combine(folder, $"sample-{source}.avif"), sample);
            Console.WriteLine($"SkiaSharp decode AVIF from {source} ({sample.Length} bytes): {SkiaDecode(sample)}");
            Console.WriteLine($"libvips decode AVIF from {source}: {VipsDecode(sample)}");
        }

        // GIF: a two-frame animation from libvips (SkiaSharp has no GIF encoder), else a 1×1 GIF by hand.
        byte[] gif;
        using (var image = VipsImage.NewFromBuffer(small))
        using (var frames = image.Resize(0.25).Join(image.Resize(0.25).Invert(), Enums.Direction.Vertical))
        using (var animation = frames.Mutate(m => m.Set(GValue.GIntType, "page-height", frames.Height / 2)))
        {
            var saved = Try(() => animation.GifsaveBuffer().Length.ToString());
            Console.WriteLine($"libvips encode GIF (2 frames): {saved}");
            gif = saved.StartsWith("no", StringComparison.Ordinal)
                ? Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")
                : animation.GifsaveBuffer();
        }

        File.WriteAllBytes(Path.Combine(folder, "sample.gif"), gif);
        Console.WriteLine($"SkiaSharp decode GIF: {SkiaDecode(gif)}");
        Console.WriteLine($"libvips decode GIF: {VipsDecode(gif)}");
        Console.WriteLine($"SkiaSharp encode GIF: {(pixmap.Encode(SKEncodedImageFormat.Gif, 100) is { } skiaGif ? $"yes, {skiaGif.Size} bytes" : "no (Encode returns null)")}");
    }

    private static void SavePng(SKBitmap bitmap, string path)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static string SkiaDecode(byte[] bytes) => Try(() =>
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(bytes));
        if (codec is null)
        {
            return "no (SKCodec.Create returns null)";
        }

        using var decoded = SKBitmap.Decode(codec);
        return decoded is null
            ? $"no (recognised as {codec.EncodedFormat}, decode failed)"
            : $"yes, {codec.EncodedFormat} {decoded.Width}×{decoded.Height}, {codec.FrameCount} frame(s)";
    });

    private static string VipsDecode(byte[] bytes) => Try(() =>
    {
        using var image = VipsImage.NewFromBuffer(bytes, "n=-1");
        var pages = image.Contains("n-pages") ? image.Get("n-pages") : 1;
        return $"yes, {image.Get("vips-loader")} {image.Width}×{image.Height}, {pages} page(s), mean={image.Avg():F1}";
    });

    private static string Try(Func<string> action)
    {
        try
        {
            return action();
        }
        catch (Exception exception)
        {
            return $"no ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ").Trim()})";
        }
    }

    private static bool HasOperation(string nickname) => VipsRuntime.TypeFind("VipsOperation", nickname) != IntPtr.Zero;

    private static string RunTool(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? $"ok ({arguments[^1]})" : $"no (exit {process.ExitCode}: {output.ReplaceLineEndings(" ").Trim()})";
    }

    /// <summary>Writing 5 to clear_refs sets VmHWM back to the current resident set (Linux 4.0 and later).</summary>
    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadStatusKb(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Replace("kB", "", StringComparison.Ordinal).Trim());
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;

    /// <summary>The marker segments before the image data, e.g. <c>APP0 JFIF</c>, <c>APP1 Exif</c>, <c>DQT</c>.</summary>
    private static List<string> JpegSegments(byte[] jpeg)
    {
        var segments = new List<string>();
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF)
        {
            var marker = jpeg[at + 1];
            if (marker == 0xDA)
            {
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
            if (marker is >= 0xE0 and <= 0xEF)
            {
                var id = Encoding.ASCII.GetString(jpeg, at + 4, Math.Min(4, length - 2)).TrimEnd('\0');
                segments.Add($"APP{marker - 0xE0} {id}");
            }
            else if (marker == 0xFE)
            {
                segments.Add("COM");
            }

            at += 2 + length;
        }

        return segments;
    }

    /// <summary>The RIFF chunks of a WebP file, e.g. <c>VP8 </c>, or <c>VP8X</c>, <c>EXIF</c>, <c>ICCP</c>.</summary>
    private static List<string> WebpChunks(byte[] webp)
    {
        var chunks = new List<string>();
        var at = 12;
        while (at + 8 <= webp.Length)
        {
            chunks.Add(Encoding.ASCII.GetString(webp, at, 4));
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(at + 4));
            at += 8 + size + (size & 1);
        }

        return chunks;
    }

    private static double MeanAbsoluteDifference(SKBitmap a, SKBitmap b)
    {
        if (a.Width != b.Width || a.Height != b.Height)
        {
            return double.NaN;
        }

        long sum = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var p = a.GetPixel(x, y);
                var q = b.GetPixel(x, y);
                sum += Math.Abs(p.Red - q.Red) + Math.Abs(p.Green - q.Green) + Math.Abs(p.Blue - q.Blue);
            }
        }

        return sum / (3.0 * a.Width * a.Height);
    }
}
