using AngleSharp.Dom;

namespace MovieNews.IntegrationTests.Support;

/// <summary>A reader reports a comment as a browser would: the comment's Report link on the article page, then the report form.</summary>
public static class ReportForms
{
    public static async Task<IDocument> OpenReportFormAsync(this HttpClient client, string slug, int commentId)
    {
        var article = await client.GetOkPageAsync($"/articles/{slug}");
        var link = article.QuerySelector($"#comment-{commentId} a.comment-report")
            ?? throw new InvalidOperationException($"Comment {commentId} has no Report link:\n{article.Body?.TextContent}");
        return await client.GetOkPageAsync(link.GetAttribute("href")!);
    }

    public static async Task<HttpResponseMessage> ReportAsync(this HttpClient client, string slug, int commentId, string? reason = "Spam", string? note = null)
    {
        var form = await client.OpenReportFormAsync(slug, commentId);
        return await client.SubmitAsync(form, "form.report-form", new Dictionary<string, string?> { ["Reason"] = reason, ["Note"] = note });
    }
}
