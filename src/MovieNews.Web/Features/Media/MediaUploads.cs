using System.Security.Claims;
using Microsoft.Extensions.Options;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Media;

/// <summary>
/// The addresses that take a large body, read only by signed-in staff: the library's upload, and the article
/// editor when its form carries a featured picture (multipart).
/// </summary>
public static class MediaUploads
{
    public const string Path = "/admin/media/upload";
    private const string EditorPath = "/admin/articles/edit";

    /// <summary>Room for the form's other fields and the multipart framing around the file.</summary>
    private const long FormOverheadBytes = 512 * 1024;

    public static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)
            || (request.Path.StartsWithSegments(EditorPath, StringComparison.OrdinalIgnoreCase) && request.HasFormContentType
                && request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true));

    public static long MaxRequestBytes(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<MediaOptions>>().Value.MaxUploadBytes + FormOverheadBytes;

    public static string TooLargeMessage(HttpContext context) =>
        SiteText.Format("The file is too large: pictures can be at most {0:N0} MB.", context.RequestServices.GetRequiredService<IOptions<MediaOptions>>().Value.MaxUploadBytes / (1024 * 1024));

    /// <summary>A file from a form into the library, with the same refusals wherever the form is.</summary>
    public static async Task<UploadResult> UploadAsync(this MediaLibrary library, IFormFile? file, MediaDescription description,
        ClaimsPrincipal user, MediaOptions options, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return Refused(SiteText.Get("Choose a picture to upload."));
        }

        if (file.Length > options.MaxUploadBytes)
        {
            return Refused(SiteText.Format("The file is larger than {0:N0} MB.", options.MaxUploadBytes / (1024 * 1024)));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return await library.UploadAsync(file.FileName, buffer.ToArray(), description, user.FindFirstValue(ClaimTypes.Name) ?? "editor", cancellationToken);

        static UploadResult.Refused Refused(string message) => new(new Dictionary<string, string> { [MediaLibrary.Fields.File] = message });
    }
}
