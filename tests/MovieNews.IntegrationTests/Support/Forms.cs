using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace MovieNews.IntegrationTests.Support;

/// <summary>Submits a rendered form as a browser would: its own fields (antiforgery token included), the changes a test makes, and the pressed button.</summary>
public static class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, IDocument page, string formSelector, IDictionary<string, string?>? changes = null, string? buttonSelector = null,
        IReadOnlyDictionary<string, (byte[] Content, string FileName)>? files = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form matches {formSelector} on {page.Url}:\n{page.Body?.TextContent}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Name is { Length: > 0 } name && input.Type is not ("submit" or "button"):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        break;
                    }

                    values.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement textarea when textarea.Name is { Length: > 0 } name:
                    values.Add(new(name, textarea.Value));
                    break;
                case IHtmlSelectElement select when select.Name is { Length: > 0 } name:
                    values.Add(new(name, select.Value ?? string.Empty));
                    break;
            }
        }

        foreach (var (name, value) in changes ?? new Dictionary<string, string?>())
        {
            values.RemoveAll(v => v.Key == name);
            if (value is not null)
            {
                values.Add(new(name, value));
            }
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Url;
        if (buttonSelector is not null)
        {
            // A button may sit outside its form and name it in its form attribute, as the comments' Like buttons do.
            var button = form.QuerySelector(buttonSelector)
                ?? page.QuerySelectorAll(buttonSelector).FirstOrDefault(b => form.Id is { Length: > 0 } id && b.GetAttribute("form") == id)
                ?? throw new InvalidOperationException($"No button {buttonSelector} in or for {formSelector}");
            action = button.GetAttribute("formaction") ?? action;
            if (button.GetAttribute("name") is { Length: > 0 } buttonName)
            {
                values.Add(new(buttonName, button.GetAttribute("value") ?? string.Empty));
            }
        }

        var uri = new Uri(new Uri(page.Url), action.Split('#')[0]);
        if (!string.Equals(form.Enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await client.PostAsync(uri.PathAndQuery, new FormUrlEncodedContent(values));
        }

        using var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            multipart.Add(new StringContent(value), name);
        }

        foreach (var (name, (content, fileName)) in files ?? new Dictionary<string, (byte[], string)>())
        {
            multipart.Add(new ByteArrayContent(content), name, fileName);
        }

        return await client.PostAsync(uri.PathAndQuery, multipart);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, string url, string formSelector, IDictionary<string, string?>? changes = null, string? buttonSelector = null,
        IReadOnlyDictionary<string, (byte[] Content, string FileName)>? files = null) =>
        await client.SubmitAsync(await client.GetOkPageAsync(url), formSelector, changes, buttonSelector, files);
}
