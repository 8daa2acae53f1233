using System.Text.RegularExpressions;
using MovieNews.Web.Features.Media;

namespace MovieNews.Web.Features.Portability;

/// <summary>
/// A local copy of WordPress's <c>wp-content/uploads</c> (<c>import-wxr FILE --uploads DIR</c>): finds an attachment's
/// file by the name WordPress gave it, and never anything outside the folder, whatever the export says.
/// </summary>
public sealed class UploadsFolder
{
    public const string Marker = "/wp-content/uploads/";

    public UploadsFolder(string directory)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
    }

    public string Root { get; }

    /// <summary>
    /// The name WordPress files an attachment under ("2023/05/poster.jpg"): its <c>_wp_attached_file</c>, else the part
    /// of its <c>wp:attachment_url</c> after <c>/wp-content/uploads/</c>. Not yet checked: see <see cref="TryResolve"/>.
    /// </summary>
    public static string? RelativePathOf(string? attachedFile, string? attachmentUrl)
    {
        if (attachedFile?.Trim().Replace('\\', '/') is { Length: > 0 } file)
        {
            // Old WordPress versions stored the whole server path.
            var at = file.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
            return at >= 0 ? file[(at + Marker.Length)..] : file;
        }

        if (attachmentUrl?.Trim() is not { Length: > 0 } url)
        {
            return null;
        }

        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        var start = path.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }

        var end = path.IndexOfAny(['?', '#'], start);
        return Uri.UnescapeDataString(path[(start + Marker.Length)..(end < 0 ? path.Length : end)]) is { Length: > 0 } relative ? relative : null;
    }

    /// <summary>
    /// The full path of a file named relative to the folder; false for a name that would leave it (an absolute path,
    /// a <c>..</c> segment, or a symbolic link pointing out). Whether the file exists is the caller's question.
    /// </summary>
    /// <exception cref="IOException">A name on the way cannot be looked at (too long, say).</exception>
    public bool TryResolve(string relative, out string fullPath)
    {
        fullPath = string.Empty;
        var normalized = relative.Replace('\\', '/');
        if (normalized.Length == 0 || normalized.Contains('\0', StringComparison.Ordinal) || normalized.StartsWith('/') || Path.IsPathRooted(normalized))
        {
            return false;
        }

        var segments = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
        if (segments.Count == 0 || segments.Contains(".."))
        {
            return false;
        }

        // Walk down one name at a time so that a link anywhere on the way is followed and checked.
        var current = Root;
        foreach (var segment in segments)
        {
            var next = Path.Join(current, segment);
            if (!Inside(next))
            {
                return false;
            }

            var info = new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                if (target is null || !Inside(Path.GetFullPath(target)))
                {
                    return false;
                }

                next = Path.GetFullPath(target);
            }

            current = next;
        }

        fullPath = current;
        return true;
    }

    private bool Inside(string path) =>
        Path.GetFullPath(path).StartsWith(Root + Path.DirectorySeparatorChar, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}

/// <summary>
/// The pictures an import brought into the library, by WordPress attachment id and by file name, and the rewriting of
/// post bodies so that their images point at the library instead of the old site.
/// </summary>
public sealed partial class ImportedPictures
{
    private readonly Dictionary<string, MediaItem> _byAttachmentId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MediaItem> _byFile = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, MediaItem> _byOriginal = new(StringComparer.OrdinalIgnoreCase);

    public static ImportedPictures None { get; } = new();

    public void Add(string attachmentId, string file, MediaItem item)
    {
        _byAttachmentId.TryAdd(attachmentId, item);
        _byFile.TryAdd(file, item);
        _byOriginal.TryAdd(Original(file), item);
    }

    public MediaItem? ForAttachment(string? attachmentId) =>
        attachmentId is not null && _byAttachmentId.TryGetValue(attachmentId, out var item) ? item : null;

    public MediaItem? ForFile(string file) => _byFile.GetValueOrDefault(file);

    /// <summary>
    /// Every address in <paramref name="markdown"/> whose path holds <c>/wp-content/uploads/</c> and an imported
    /// file (or one of the sizes WordPress made of it, <c>poster-300x200.jpg</c>) becomes the library's address.
    /// </summary>
    public string Rewrite(string markdown)
    {
        if (_byFile.Count == 0)
        {
            return markdown;
        }

        var output = new System.Text.StringBuilder(markdown.Length);
        var copied = 0;
        var floor = 0;
        var at = 0;
        while ((at = markdown.IndexOf(UploadsFolder.Marker, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var start = at;
            while (start > floor && !EndsAddress(markdown[start - 1]))
            {
                start--;
            }

            var pathStart = at + UploadsFolder.Marker.Length;
            var pathEnd = pathStart;
            while (pathEnd < markdown.Length && !EndsAddress(markdown[pathEnd]) && markdown[pathEnd] is not ('?' or '#'))
            {
                pathEnd++;
            }

            var end = pathEnd;
            while (end < markdown.Length && !EndsAddress(markdown[end]))
            {
                end++;
            }

            if (Find(Uri.UnescapeDataString(markdown[pathStart..pathEnd])) is { } item)
            {
                output.Append(markdown, copied, start - copied).Append(MediaMarkdown.InsertUrl(item));
                copied = end;
            }

            floor = end;
            at = Math.Max(end, at + 1);
        }

        return copied == 0 ? markdown : output.Append(markdown, copied, markdown.Length - copied).ToString();
    }

    private MediaItem? Find(string file) => _byFile.GetValueOrDefault(file) ?? _byOriginal.GetValueOrDefault(Original(file));

    private static bool EndsAddress(char c) => char.IsWhiteSpace(c) || c is '(' or ')' or '<' or '>' or '"' or '\'' or '[' or ']';

    /// <summary>The upload a file name derives from: WordPress's sizes (<c>-300x200</c>) and big-image copies (<c>-scaled</c>) removed.</summary>
    private static string Original(string file) => Derived().Replace(file, string.Empty);

    [GeneratedRegex(@"(-\d{1,5}x\d{1,5})?(-scaled|-rotated)?(?=\.[A-Za-z0-9]{1,5}\z)", RegexOptions.CultureInvariant)]
    private static partial Regex Derived();
}
