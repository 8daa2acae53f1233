namespace MovieNews.Web.Features.Media;

public enum ImageFormat
{
    Jpeg,
    Png,
    Gif,
    WebP,
    Avif,
}

/// <summary>What a file is, read from its first bytes: never from its name or the type the browser declared.</summary>
public static class ImageFormats
{
    public static ImageFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ImageFormat.Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }

        // ISO BMFF: a box of type "ftyp" whose major brand is AVIF's (still or sequence).
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && (head[8..12].SequenceEqual("avif"u8) || head[8..12].SequenceEqual("avis"u8)))
        {
            return ImageFormat.Avif;
        }

        return null;
    }

    /// <summary>SVG, HTML and XML begin with markup once any byte-order mark and white space are skipped.</summary>
    public static bool LooksLikeMarkup(ReadOnlySpan<byte> head)
    {
        var rest = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        rest = rest.TrimStart(" \t\r\n"u8);
        return rest.Length > 0 && rest[0] == (byte)'<';
    }

    /// <summary>
    /// The upload inputs' <c>accept</c> list: it only guides the browser's file picker; what is accepted is decided by
    /// <see cref="Detect"/> and a successful decode.
    /// </summary>
    public static string AcceptAttribute { get; } = string.Join(',', Enum.GetValues<ImageFormat>().Select(f => $"image/{f.ToString().ToLowerInvariant()}"));

    /// <summary>The name people know a format by: JPEG, PNG, GIF, WebP, AVIF.</summary>
    public static string NameOf(ImageFormat format) => format switch
    {
        ImageFormat.WebP => "WebP",
        ImageFormat.Avif => "AVIF",
        _ => format.ToString().ToUpperInvariant(),
    };

    public static string ContentTypeOf(string extension) => extension switch
    {
        "webp" => "image/webp",
        "jpg" => "image/jpeg",
        _ => throw new ArgumentOutOfRangeException(nameof(extension), extension, "Not an extension MovieNews writes."),
    };
}
