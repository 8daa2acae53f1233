using Microsoft.Extensions.Options;
using MovieNews.Web.Features.Site;
using SkiaSharp;

namespace MovieNews.Web.Features.Media;

/// <summary>An upload the processor refuses, with the sentence an editor is shown.</summary>
public sealed class ImageRefusedException(string message) : Exception(message);

public enum VariantPurpose
{
    /// <summary>The picture at one of <see cref="ImageProcessor.Widths"/>, in its own proportions.</summary>
    Width,

    /// <summary>The 1200×630 crop around the focal point that social networks show.</summary>
    Social,
}

public sealed record ImageVariant(VariantPurpose Purpose, int Width, int Height, string Extension, byte[] Content);

public sealed record ProcessedImage(ImageFormat Source, int Width, int Height, IReadOnlyList<ImageVariant> Variants);

/// <summary>
/// Turns an uploaded file into the pictures the site serves. Everything is decoded and encoded again, so no
/// byte of the upload (metadata, GPS, a polyglot's payload) ever comes back out; orientation is applied first.
/// SkiaSharp decodes JPEG, PNG, WebP and GIF; libvips decodes AVIF (<see cref="AvifDecoder"/>); SkiaSharp makes every variant.
/// </summary>
public sealed class ImageProcessor(IOptions<MediaOptions> options, ILogger<ImageProcessor>? logger = null)
{
    public static readonly IReadOnlyList<int> Widths = [480, 960, 1600];
    public const int SocialWidth = 1200;
    public const int SocialHeight = 630;

    /// <summary>WebP's largest side: a variant taller than this cannot be encoded.</summary>
    public const int MaxVariantSide = 16383;
    private const int WebPQuality = 80;
    private const int JpegQuality = 82;

    private static readonly SKSamplingOptions _sampling = new(SKCubicResampler.Mitchell);

    /// <exception cref="ImageRefusedException">The file is not an image this site accepts.</exception>
    public ProcessedImage Process(byte[] file, FocalPoint focal)
    {
        var (format, picture, fullWidth, fullHeight) = Decode(file);
        using (picture)
        {
            var variants = new List<ImageVariant>();
            // Largest first, each made from the one before: a cubic filter keeps its quality only within 2× steps.
            var widths = WidthsFor(fullWidth).Where(w => HeightAt(w, fullWidth, fullHeight) <= MaxVariantSide).ToList();
            if (widths.Count == 0)
            {
                throw new ImageRefusedException(
                    SiteText.Format("The picture is too tall for its width ({0:N0} × {1:N0}): at {2:N0} pixels wide it would be over {3:N0} tall. Crop it and upload it again.", fullWidth, fullHeight, Math.Min(fullWidth, Widths[0]), MaxVariantSide));
            }

            var source = picture;
            foreach (var width in widths.OrderDescending())
            {
                var height = HeightAt(width, fullWidth, fullHeight);
                var scaled = Scale(source, width, height);
                variants.AddRange(Encode(VariantPurpose.Width, scaled));
                if (!ReferenceEquals(source, picture))
                {
                    source.Dispose();
                }

                source = scaled;
            }

            if (!ReferenceEquals(source, picture))
            {
                source.Dispose();
            }

            variants.AddRange(MakeSocial(picture, focal));
            return new ProcessedImage(format, fullWidth, fullHeight, variants);
        }
    }

    /// <summary>A new social crop for a picture already in the library, after its focal point moved.</summary>
    public IReadOnlyList<ImageVariant> Recrop(byte[] largestVariant, FocalPoint focal)
    {
        var (_, picture, _, _) = Decode(largestVariant);
        using (picture)
        {
            return MakeSocial(picture, focal);
        }
    }

    /// <summary>
    /// The picture upright, and its full upright size (JPEG may be decoded smaller than that, at n/8 scale).
    /// AVIF is decoded by libvips (<see cref="AvifDecoder"/>), everything else by SkiaSharp; from here on it is one pipeline.
    /// </summary>
    private (ImageFormat Format, SKImage Picture, int Width, int Height) Decode(byte[] file)
    {
        var format = Identify(file);
        if (format == ImageFormat.Avif)
        {
            if (AvifDecoder.Unavailable is { } reason)
            {
                logger?.LogError("An AVIF upload was refused: libvips is not available on this machine ({Reason}).", reason);
            }

            using var bitmap = AvifDecoder.Decode(file, options.Value.MaxPixels);
            return (format, Orient(bitmap, SKEncodedOrigin.TopLeft), bitmap.Width, bitmap.Height);
        }

        using var codec = Open(file, format);
        var origin = codec.EncodedOrigin;
        var (fullWidth, fullHeight) = Swaps(origin) ? (codec.Info.Height, codec.Info.Width) : (codec.Info.Width, codec.Info.Height);
        return (format, DecodeOriented(codec, format), fullWidth, fullHeight);
    }

    private static int HeightAt(int width, int fullWidth, int fullHeight) =>
        Math.Max(1, (int)Math.Round((double)fullHeight * width / fullWidth));

    /// <summary>The widths made for a picture: those narrower than it, or its own width when it is smaller than all.</summary>
    public static IReadOnlyList<int> WidthsFor(int width)
    {
        var narrower = Widths.Where(w => w < width).ToList();
        if (narrower.Count < Widths.Count)
        {
            narrower.Add(Math.Min(width, Widths[^1]));
        }

        return narrower;
    }

    private ImageFormat Identify(byte[] file)
    {
        var limits = options.Value;
        if (file.Length == 0)
        {
            throw new ImageRefusedException(SiteText.Get("The file is empty."));
        }

        if (file.Length > limits.MaxUploadBytes)
        {
            throw new ImageRefusedException(SiteText.Format("The file is larger than {0:N0} MB.", limits.MaxUploadBytes / (1024 * 1024)));
        }

        return ImageFormats.Detect(file) ?? throw new ImageRefusedException(ImageFormats.LooksLikeMarkup(file)
            ? SiteText.Get("SVG and other markup files cannot be uploaded: they can carry scripts. Upload a JPEG, PNG, WebP, AVIF or GIF.")
            : SiteText.Get("This file is not a JPEG, PNG, WebP, AVIF or GIF image (whatever its name says)."));
    }

    private SKCodec Open(byte[] file, ImageFormat format)
    {
        // The codec reads the header only: the size is known, and checked, before a single pixel is decoded.
        var codec = SKCodec.Create(new SKMemoryStream(file), out var result)
            ?? throw new ImageRefusedException(SiteText.Format("The file starts like a {0} image but could not be read ({1}). It may be damaged or cut short.", Name(format), result));

        if (FormatOf(codec.EncodedFormat) != format)
        {
            codec.Dispose();
            throw new ImageRefusedException(SiteText.Format("The file starts like a {0} image but is not one.", Name(format)));
        }

        try
        {
            CheckPixels(codec.Info.Width, codec.Info.Height, options.Value.MaxPixels);
        }
        catch (ImageRefusedException)
        {
            codec.Dispose();
            throw;
        }

        return codec;
    }

    /// <summary>The pixel limit, applied to the size a header declares (whatever the decoder), before decoding.</summary>
    internal static void CheckPixels(int width, int height, long maxPixels)
    {
        if (width < 1 || height < 1 || (long)width * height > maxPixels)
        {
            throw new ImageRefusedException(
                SiteText.Format("The image is {0:N0} × {1:N0} pixels; the limit is {2:0.#} megapixels.", width, height, maxPixels / 1_000_000.0));
        }
    }

    private static SKImage DecodeOriented(SKCodec codec, ImageFormat format)
    {
        var origin = codec.EncodedOrigin;
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var (orientedWidth, orientedHeight) = Swaps(origin) ? (height, width) : (width, height);

        // Decode no larger than the biggest picture needs: JPEG decodes at n/8 of its size for a fraction of the work.
        var needed = Math.Min(1.0, Math.Max(
            (double)Widths[^1] / orientedWidth,
            Math.Max((double)SocialWidth / orientedWidth, (double)SocialHeight / orientedHeight)));
        var size = new SKSizeI(width, height);
        for (var eighths = 1; eighths < 8; eighths++)
        {
            var scaled = codec.GetScaledDimensions(eighths / 8f);
            if (scaled.Width >= Math.Ceiling(width * needed) && scaled.Height >= Math.Ceiling(height * needed))
            {
                size = scaled;
                break;
            }
        }

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            throw new ImageRefusedException(result == SKCodecResult.IncompleteInput
                ? SiteText.Format("The {0} file is incomplete: it was cut short. Upload the whole file.", Name(format))
                : SiteText.Format("The {0} file could not be decoded ({1}). It may be damaged.", Name(format), result));
        }

        return Orient(bitmap, origin);
    }

    /// <summary>The four EXIF orientations that turn the picture a quarter: its width and height trade places.</summary>
    private static bool Swaps(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    private static SKImage Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var (width, height) = Swaps(origin) ? (bitmap.Height, bitmap.Width) : (bitmap.Width, bitmap.Height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: canvas.Scale(-1, 1, width / 2f, 0); break;
            case SKEncodedOrigin.BottomRight: canvas.RotateDegrees(180, width / 2f, height / 2f); break;
            case SKEncodedOrigin.BottomLeft: canvas.Scale(1, -1, 0, height / 2f); break;
            case SKEncodedOrigin.LeftTop: canvas.RotateDegrees(90); canvas.Scale(1, -1); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(width, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightBottom: canvas.Translate(width, height); canvas.RotateDegrees(90); canvas.Scale(-1, 1); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, height); canvas.RotateDegrees(-90); break;
            default: break;
        }

        using var decoded = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(decoded, 0, 0, _sampling);
        return surface.Snapshot();
    }

    private static List<ImageVariant> MakeSocial(SKImage picture, FocalPoint focal)
    {
        // The largest 1200:630 window that fits, centred on the focal point and pushed back inside the picture.
        var aspect = (double)SocialWidth / SocialHeight;
        var (cropWidth, cropHeight) = (double)picture.Width / picture.Height > aspect
            ? (picture.Height * aspect, (double)picture.Height)
            : (picture.Width, picture.Width / aspect);
        var left = Math.Clamp((focal.X * picture.Width) - (cropWidth / 2), 0, picture.Width - cropWidth);
        var top = Math.Clamp((focal.Y * picture.Height) - (cropHeight / 2), 0, picture.Height - cropHeight);

        var window = SKRectI.Round(new SKRect((float)left, (float)top, (float)(left + cropWidth), (float)(top + cropHeight)));
        window.Intersect(new SKRectI(0, 0, picture.Width, picture.Height));
        if (window.Width < 1 || window.Height < 1)
        {
            window = new SKRectI(0, 0, picture.Width, picture.Height);
        }

        using var cropped = picture.Subset(window) ?? throw new ImageRefusedException(SiteText.Get("The picture is too small to crop for social networks."));
        using var social = Scale(cropped, SocialWidth, SocialHeight);
        return [new ImageVariant(VariantPurpose.Social, SocialWidth, SocialHeight, "jpg", EncodeJpeg(social))];
    }

    private static IEnumerable<ImageVariant> Encode(VariantPurpose purpose, SKImage image)
    {
        using var webp = image.Encode(SKEncodedImageFormat.Webp, WebPQuality)
            ?? throw new ImageRefusedException(SiteText.Format("A {0} × {1} copy of the picture could not be encoded as WebP.", image.Width, image.Height));
        yield return new ImageVariant(purpose, image.Width, image.Height, "webp", webp.ToArray());
        yield return new ImageVariant(purpose, image.Width, image.Height, "jpg", EncodeJpeg(image));
    }

    /// <summary>JPEG has no transparency: transparent pixels become white, as on the page, not black.</summary>
    private static byte[] EncodeJpeg(SKImage image)
    {
        using var flattened = Draw(image.Width, image.Height, canvas =>
        {
            canvas.Clear(SKColors.White);
            canvas.DrawImage(image, 0, 0, _sampling);
        });
        using var jpeg = flattened.Encode(SKEncodedImageFormat.Jpeg, JpegQuality)
            ?? throw new ImageRefusedException(SiteText.Format("A {0} × {1} copy of the picture could not be encoded as JPEG.", image.Width, image.Height));
        return jpeg.ToArray();
    }

    /// <summary>Halves (never more) until within 2× of the size, then one cubic step to it.</summary>
    private static SKImage Scale(SKImage source, int width, int height)
    {
        var current = source;
        while (current.Width > width * 2)
        {
            var (halfWidth, halfHeight) = (Math.Max(width, current.Width / 2), Math.Max(height, current.Height / 2));
            var half = Draw(halfWidth, halfHeight, canvas => canvas.DrawImage(current, new SKRect(0, 0, halfWidth, halfHeight), _sampling));
            if (!ReferenceEquals(current, source))
            {
                current.Dispose();
            }

            current = half;
        }

        var scaled = Draw(width, height, canvas => canvas.DrawImage(current, new SKRect(0, 0, width, height), _sampling));
        if (!ReferenceEquals(current, source))
        {
            current.Dispose();
        }

        return scaled;
    }

    private static SKImage Draw(int width, int height, Action<SKCanvas> paint)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        paint(surface.Canvas);
        return surface.Snapshot();
    }

    private static ImageFormat? FormatOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => ImageFormat.Jpeg,
        SKEncodedImageFormat.Png => ImageFormat.Png,
        SKEncodedImageFormat.Gif => ImageFormat.Gif,
        SKEncodedImageFormat.Webp => ImageFormat.WebP,
        SKEncodedImageFormat.Avif => ImageFormat.Avif,
        _ => null,
    };

    private static string Name(ImageFormat format) => ImageFormats.NameOf(format);
}

/// <summary>Where the subject is, as fractions of the width and height from the top left (the centre is 0.5, 0.5).</summary>
public readonly record struct FocalPoint(double X, double Y)
{
    public static readonly FocalPoint Centre = new(0.5, 0.5);

    public static FocalPoint Clamped(double x, double y) =>
        new(double.IsFinite(x) ? Math.Clamp(x, 0, 1) : 0.5, double.IsFinite(y) ? Math.Clamp(y, 0, 1) : 0.5);
}
