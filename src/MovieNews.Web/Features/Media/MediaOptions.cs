namespace MovieNews.Web.Features.Media;

/// <summary>Settings under "Media".</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>The largest file an editor may upload.</summary>
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The most pixels an image may have, checked from its header before it is decoded (a decompression bomb is refused unread).</summary>
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary><c>FileSystem</c> (the default on SQLite) or <c>Database</c> (the default on PostgreSQL: every instance sees every file).</summary>
    public string? Store { get; set; }

    /// <summary>Where the file-system store keeps files; by default "media" beside the SQLite database.</summary>
    public string? Directory { get; set; }
}
