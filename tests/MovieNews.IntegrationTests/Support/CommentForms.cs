using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace MovieNews.IntegrationTests.Support;

/// <summary>
/// Submits the real rendered comment form with every field it holds. Without headers the post
/// carries neither Origin nor Sec-Fetch-Site, as a non-browser client's would; browsers' headers are passed in.
/// </summary>
public static class CommentForms
{
    public static async Task<HttpResponseMessage> PostCommentAsync(
        this HttpClient client, string pageUrl, IDictionary<string, string?> fields, IDictionary<string, string>? headers = null)
    {
        var page = await client.GetOkPageAsync(pageUrl);
        return await client.SubmitCommentFormAsync(page, fields, headers);
    }

    public static async Task<HttpResponseMessage> SubmitCommentFormAsync(
        this HttpClient client, IDocument page, IDictionary<string, string?> fields, IDictionary<string, string>? headers = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>("form.comment-form")
            ?? throw new InvalidOperationException("The page has no comment form:\n" + page.Body?.TextContent);
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input"))
        {
            if (input.Type is "checkbox" && !input.IsChecked)
            {
                continue;
            }

            values[input.Name!] = input.Value;
        }

        foreach (var textarea in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea"))
        {
            values[textarea.Name!] = textarea.Value;
        }

        // A null value leaves the field as the page rendered it (prefilled or hidden values included).
        foreach (var (name, value) in fields.Where(f => f.Value is not null))
        {
            values["Input." + name] = value!;
        }

        var action = form.GetAttribute("action")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, action.Split('#')[0]) { Content = new FormUrlEncodedContent(values) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Follows redirects by hand (the client does not), returning the final page and the address it came from.</summary>
    public static async Task<(HttpResponseMessage Response, IDocument Document, string Url)> FollowAsync(
        this HttpClient client, HttpResponseMessage response)
    {
        var url = response.RequestMessage!.RequestUri!.PathAndQuery;
        for (var hops = 0; hops < 5 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found; hops++)
        {
            url = response.Headers.Location!.OriginalString;
            response = await client.GetAsync(url.Split('#')[0]);
        }

        return (response, await HtmlClient.ParseAsync(response), url);
    }

    public static Dictionary<string, string?> Comment(string body, string name = "Test Reader", string? email = null, string? website = null, string? parentId = null) =>
        new()
        {
            ["Name"] = name,
            ["Email"] = email,
            ["Website"] = website,
            ["Body"] = body,
            ["ParentId"] = parentId,
        };
}
