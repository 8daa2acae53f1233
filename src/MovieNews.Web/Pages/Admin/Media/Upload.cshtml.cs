using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Pages.Admin.Media;

/// <summary>
/// Uploading a picture: a plain form that works without JavaScript, and the same address answers the editor's
/// drag-and-drop with JSON. The body limit for this one path is raised by <see cref="MediaUploads"/>.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue, ValueLengthLimit = 64 * 1024)]
public sealed class UploadModel(MediaLibrary library, IOptions<MediaOptions> options) : PageModel
{
    [BindProperty]
    public string? AltText { get; set; }

    [BindProperty]
    public string? Caption { get; set; }

    [BindProperty]
    public string? Credit { get; set; }

    public Dictionary<string, string> Errors { get; } = [];
    public long MaxMegabytes => options.Value.MaxUploadBytes / (1024 * 1024);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var wantsJson = Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        var result = await library.UploadAsync(file, new MediaDescription(AltText, Caption, Credit), User, options.Value, cancellationToken);

        switch (result)
        {
            case UploadResult.Uploaded uploaded when wantsJson:
                return new JsonResult(UploadedPicture.From(uploaded.Item)) { StatusCode = StatusCodes.Status201Created };
            case UploadResult.Uploaded uploaded:
                TempData["Message"] = SiteText.Format("Uploaded “{0}” ({1} × {2}).", uploaded.Item.FileName, uploaded.Item.Width, uploaded.Item.Height);
                return Redirect($"/admin/media/{uploaded.Item.Id}");
            case UploadResult.Refused refused when wantsJson:
                return new JsonResult(new { errors = refused.Errors.ToDictionary(e => e.Key, e => SiteText.Get(e.Value)) }) { StatusCode = StatusCodes.Status400BadRequest };
            case UploadResult.Refused refused:
                foreach (var (field, message) in refused.Errors)
                {
                    Errors[field] = message;
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                throw new InvalidOperationException("Unknown upload result.");
        }
    }
}

/// <summary>What the editor's script needs to insert a picture it just uploaded.</summary>
public sealed record UploadedPicture(int Id, string AltText, string? Caption, int Width, int Height, string Url, string Markdown)
{
    public static UploadedPicture From(MediaItem item)
    {
        var url = MediaMarkdown.InsertUrl(item);
        return new UploadedPicture(item.Id, item.AltText, item.Caption, item.Width, item.Height, url, MediaMarkdown.ImageFor(item));
    }
}
