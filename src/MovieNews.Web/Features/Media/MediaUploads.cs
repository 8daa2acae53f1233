using Microsoft.Extensions.Options;

namespace MovieNews.Web.Features.Media;

/// <summary>The one address that takes a large body: the library's upload, read only by signed-in staff.</summary>
public static class MediaUploads
{
    public const string Path = "/admin/media/upload";

    /// <summary>Room for the form's other fields and the multipart framing around the file.</summary>
    private const long FormOverheadBytes = 256 * 1024;

    public static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase);

    public static long MaxRequestBytes(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<MediaOptions>>().Value.MaxUploadBytes + FormOverheadBytes;

    public static string TooLargeMessage(HttpContext context) =>
        $"The file is too large: pictures can be at most {context.RequestServices.GetRequiredService<IOptions<MediaOptions>>().Value.MaxUploadBytes / (1024 * 1024)} MB.";
}
