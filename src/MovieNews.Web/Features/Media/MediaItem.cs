namespace MovieNews.Web.Features.Media;

/// <summary>A picture in the library: what editors describe, and the files made from it.</summary>
public sealed class MediaItem
{
    public const int AltTextMaxLength = 300;
    public const int CaptionMaxLength = 300;
    public const int CreditMaxLength = 120;
    public const int FileNameMaxLength = 200;
    public const int ImportKeyMaxLength = 300;

    public int Id { get; set; }

    /// <summary>The name it was uploaded under, shown and searched; never part of a path.</summary>
    public required string FileName { get; set; }

    public required string AltText { get; set; }
    public string? Caption { get; set; }

    /// <summary>Who to thank, shown under the picture ("Photo: Netflix").</summary>
    public string? Credit { get; set; }

    /// <summary>Size after orientation was applied.</summary>
    public int Width { get; set; }
    public int Height { get; set; }

    public ImageFormat SourceFormat { get; set; }
    public long SourceBytes { get; set; }
    public double FocalX { get; set; } = 0.5;
    public double FocalY { get; set; } = 0.5;
    public DateTime CreatedUtc { get; set; }
    public string? UploadedBy { get; set; }

    /// <summary>Where an imported picture came from ("wxr:…"), so importing the same export again finds it instead of adding it twice.</summary>
    public string? ImportKey { get; set; }
    public List<MediaVariant> Variants { get; set; } = [];

    public FocalPoint Focal => new(FocalX, FocalY);
}

/// <summary>One served file. Its key is the hash of its bytes, so its address never has to change or expire.</summary>
public sealed class MediaVariant
{
    public const int KeyLength = 32 + 5;

    public int Id { get; set; }
    public int MediaItemId { get; set; }
    public VariantPurpose Purpose { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>"{32 hex digits}.webp" or ".jpg": the file's name in the store and in its address.</summary>
    public required string Key { get; set; }
    public long Bytes { get; set; }

    public string Url => MediaAddresses.PathOf(Key);
    public bool IsWebP => Key.EndsWith(".webp", StringComparison.Ordinal);
}

/// <summary>A stored file, for the database store.</summary>
public sealed class MediaBlob
{
    public required string Key { get; set; }
    public required byte[] Content { get; set; }
}
