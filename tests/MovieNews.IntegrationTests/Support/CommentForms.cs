using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace MovieNews.IntegrationTests.Support;

/// <summary>Submits the real rendered comment form, so the antiforgery token travels as it does in a browser.</summary>
public static class CommentForms
{
    public static async Task<HttpResponseMessage> PostCommentAsync(
        this HttpClient client, string pageUrl, IDictionary<string, string?> fields, bool withAntiforgery = true)
    {
        var page = await client.GetOkPageAsync(pageUrl);
        return await client.SubmitCommentFormAsync(page, fields, withAntiforgery);
    }

    public static async Task<HttpResponseMessage> SubmitCommentFormAsync(
        this HttpClient client, IDocument page, IDictionary<string, string?> fields, bool withAntiforgery = true)
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

        if (!withAntiforgery)
        {
            values.Remove("__RequestVerificationToken");
        }

        var action = form.GetAttribute("action")!;
        return await client.PostAsync(action.Split('#')[0], new FormUrlEncodedContent(values));
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
