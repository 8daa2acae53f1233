using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// U+0000 never reaches the app: it is removed from query strings and multipart form values as a request
/// arrives (ASP.NET Core already refuses it in url-encoded forms, which answer 400). No field means anything
/// by it, no browser lets a person type it, and PostgreSQL refuses it in text (SQLite would store it), so
/// removing it once here keeps every form and filter the same on both engines.
/// </summary>
public static class NulCharacters
{
    public static async Task RemoveAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.QueryString.Value is { } query && query.Contains("%00", StringComparison.OrdinalIgnoreCase))
        {
            // Removing one "%00" can join its neighbours into another ("%%0000"): repeat until none is left.
            while (query.Contains("%00", StringComparison.OrdinalIgnoreCase))
            {
                query = query.Replace("%00", string.Empty, StringComparison.OrdinalIgnoreCase);
            }

            request.QueryString = new QueryString(query);
        }

        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType)
        {
            return;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested && e is IOException or NotSupportedException or ArgumentException)
        {
            // A body cut short (a multipart form without its closing boundary) or in a charset .NET will not
            // decode (utf-7, unknown names) is the sender's mistake: a 400 here, not a 500 wherever the form is read next.
            throw new BadHttpRequestException("The form could not be read: " + e.Message, StatusCodes.Status400BadRequest, e);
        }

        if (!form.Any(field => field.Key.Contains('\0', StringComparison.Ordinal) || field.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)))
        {
            return;
        }

        var cleaned = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, values) in form)
        {
            cleaned[key.Replace("\0", string.Empty, StringComparison.Ordinal)] =
                new StringValues([.. values.Select(v => v?.Replace("\0", string.Empty, StringComparison.Ordinal))]);
        }

        context.Features.Set<IFormFeature>(new FormFeature(new FormCollection(cleaned, form.Files)));
    }

    /// <summary>For the forms that are read after this middleware (the multipart ones that may carry a picture).</summary>
    public static string? WithoutNul(this string? value) =>
        value?.Contains('\0', StringComparison.Ordinal) == true ? value.Replace("\0", string.Empty, StringComparison.Ordinal) : value;
}
