using System.Text;

namespace MovieNews.Web.Features.Media;

/// <summary>The Markdown an editor inserts for a library picture: <c>![alt](/media/KEY.jpg "caption")</c>.</summary>
public static class MediaMarkdown
{
    /// <summary>The largest JPEG: the address any Markdown reader can show, and the key the renderer recognises.</summary>
    public static string InsertUrl(MediaItem item) =>
        item.Variants.Where(v => v.Purpose == VariantPurpose.Width && !v.IsWebP).MaxBy(v => v.Width)?.Url
        ?? throw new InvalidOperationException("A library picture always has its width variants.");

    public static string ImageFor(MediaItem item)
    {
        var markdown = new StringBuilder("![").Append(Escape(item.AltText, "\\[]")).Append("](").Append(InsertUrl(item));
        if (item.Caption is { } caption)
        {
            markdown.Append(" \"").Append(Escape(caption, "\\\"")).Append('"');
        }

        return markdown.Append(')').ToString();
    }

    private static string Escape(string text, string special)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
