using MovieNews.Web.Features.Site;
using NetVips;
using SkiaSharp;
using VipsImage = NetVips.Image;
using VipsRuntime = NetVips.NetVips;

namespace MovieNews.Web.Features.Media;

/// <summary>
/// Reads AVIF, which SkiaSharp's Linux build cannot (ADR-006): libvips, through NetVips, only decodes it into an
/// upright 8-bit sRGB RGBA bitmap; every variant is then made by the SkiaSharp pipeline, as for any other upload.
/// libvips is loaded only when an AVIF arrives, and a machine where it cannot load refuses AVIF with a message.
/// </summary>
internal static class AvifDecoder
{
    /// <summary>Why libvips cannot be used on this machine, or null once it is set up (done once, on first use).</summary>
    private static readonly Lazy<string?> _unavailable = new(SetUp, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Null when AVIF can be decoded here; otherwise the reason, for the logs.</summary>
    public static string? Unavailable => _unavailable.Value;

    private static string? SetUp()
    {
        try
        {
            if (!ModuleInitializer.VipsInitialized)
            {
                return ModuleInitializer.Exception?.Message ?? "libvips did not initialise.";
            }

            // Every upload is new: an operation cache would only hold pictures in memory. One worker thread per
            // pipeline, as uploads are already processed one at a time; and no loader marked untrusted may run.
            Cache.Max = 0;
            Cache.MaxMem = 0;
            Cache.MaxFiles = 0;
            VipsRuntime.Concurrency = 1;
            VipsRuntime.BlockUntrusted = true;
            return null;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException or VipsException)
        {
            return exception.Message;
        }
    }

    /// <summary>
    /// The picture at full size, orientation (the container's <c>irot</c>/<c>imir</c>, or an EXIF orientation)
    /// applied, as unpremultiplied RGBA. Its size is checked against <paramref name="maxPixels"/> from the header,
    /// before any AV1 data is decoded. An animated AVIF (brand <c>avis</c>) gives its still image: the first frame.
    /// </summary>
    /// <exception cref="ImageRefusedException">libvips is not available, or the file is too large, not AV1, or damaged.</exception>
    public static SKBitmap Decode(byte[] file, long maxPixels)
    {
        if (Unavailable is not null)
        {
            throw new ImageRefusedException(
                "AVIF pictures cannot be read on this server at the moment (its AVIF decoder did not load). Save it as JPEG or WebP and upload it again.");
        }

        var animated = file.AsSpan(8, 4).SequenceEqual("avis"u8);
        var chain = new List<VipsImage>();
        try
        {
            // The loader reads the container's boxes only: the size is known, and checked, before any pixel is decoded.
            var image = Keep(chain, VipsImage.HeifloadBuffer(file, access: Enums.Access.Random, failOn: Enums.FailOn.Error));
            if (image.Contains("heif-compression") && image.Get("heif-compression") is string compression && compression != "av1")
            {
                throw new ImageRefusedException(SiteText.Format("The file starts like an AVIF image but holds a {0} picture. Save it as JPEG or WebP and upload it again.", compression.ToUpperInvariant()));
            }

            ImageProcessor.CheckPixels(image.Width, image.Height, maxPixels);

            image = Keep(chain, image.Autorot());
            image = Keep(chain, ToSrgb(image));
            if (!image.HasAlpha())
            {
                image = Keep(chain, image.Bandjoin(255));
            }

            if (image.Format != Enums.BandFormat.Uchar)
            {
                image = Keep(chain, image.Cast(Enums.BandFormat.Uchar));
            }

            if (image.Bands != 4)
            {
                throw new ImageRefusedException(SiteText.Format("The AVIF picture has {0} channels, which cannot be shown as a colour picture.", image.Bands));
            }

            // libvips writes straight into the bitmap's pixels: no second full-size copy in between.
            var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
            try
            {
                if (bitmap.RowBytes != image.Width * 4)
                {
                    throw new InvalidOperationException("The bitmap's rows are padded; libvips writes packed rows.");
                }

                using (var target = VipsImage.NewFromMemory(bitmap.GetPixels(), (ulong)bitmap.ByteCount, image.Width, image.Height, 4, Enums.BandFormat.Uchar))
                {
                    image.Write(target);
                }

                bitmap.SetImmutable();
                return bitmap;
            }
            catch
            {
                bitmap.Dispose();
                throw;
            }
        }
        catch (VipsException)
        {
            throw new ImageRefusedException(animated
                ? "The animated AVIF file could not be read (only its first frame would be kept). It may be damaged or cut short, or have no still picture: save a frame as JPEG or WebP and upload it again."
                : "The AVIF file could not be read. It may be damaged or cut short: upload the whole file, or save it as JPEG or WebP.");
        }
        finally
        {
            for (var i = chain.Count - 1; i >= 0; i--)
            {
                chain[i].Dispose();
            }
        }
    }

    private static VipsImage Keep(List<VipsImage> chain, VipsImage image)
    {
        chain.Add(image);
        return image;
    }

    /// <summary>
    /// A picture with an ICC profile (a Display P3 phone photo, say) is converted to sRGB by that profile, so its
    /// colours survive the profile being dropped; otherwise libvips' own conversion (grey, 10- or 12-bit RGB) to 8-bit sRGB.
    /// </summary>
    private static VipsImage ToSrgb(VipsImage image)
    {
        if (image.Contains("icc-profile-data"))
        {
            try
            {
                return image.IccTransform("srgb", intent: Enums.Intent.Perceptual, embedded: true, depth: 8);
            }
            catch (VipsException)
            {
                // A profile libvips cannot use: the colours are taken as they are, as browsers do.
            }
        }

        return image.Colourspace(Enums.Interpretation.Srgb);
    }
}
