using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace MovieNews.Web.Features.Rendering;

/// <summary>
/// HTML that has passed the sanitizer. Views write it unencoded, so nothing outside
/// the rendering feature may create one from an arbitrary string.
/// </summary>
public sealed class SafeHtml : IHtmlContent
{
    public static readonly SafeHtml Empty = new(string.Empty);

    private SafeHtml(string value) => Value = value;

    public string Value { get; }

    internal static SafeHtml FromSanitized(string sanitized) => new(sanitized);

    /// <summary>Rehydrates HTML that was sanitized when it was saved (rendered once, stored, shown many times).</summary>
    public static SafeHtml FromStored(string storedSanitizedHtml) => new(storedSanitizedHtml);

    public void WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(Value);

    public override string ToString() => Value;
}
