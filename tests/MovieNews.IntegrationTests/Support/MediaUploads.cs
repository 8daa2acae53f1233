using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace MovieNews.IntegrationTests.Support;

/// <summary>Uploads through the library's real form: its antiforgery token, a multipart body, the file under a name of the test's choosing.</summary>
public static class MediaUploadForms
{
    public static async Task<HttpResponseMessage> UploadAsync(
        this HttpClient client, byte[] file, string fileName = "poster.jpg", string? alt = "A film poster", string? caption = null, string? credit = null,
        string declaredType = "image/jpeg", bool asJson = false)
    {
        var page = await client.GetOkPageAsync("/admin/media/upload");
        var token = page.QuerySelector<IHtmlInputElement>("#upload-form input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        content.Add(part, "file", fileName);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in new[] { ("AltText", alt), ("Caption", caption), ("Credit", credit) })
        {
            if (value is not null)
            {
                content.Add(new StringContent(value), name);
            }
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media/upload") { Content = content };
        if (asJson)
        {
            request.Headers.Accept.ParseAdd("application/json");
        }

        return await client.SendAsync(request);
    }

    /// <summary>The id in the address an upload redirected to.</summary>
    public static int UploadedId(this HttpResponseMessage response) =>
        int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
}
