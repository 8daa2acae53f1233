using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace MovieNews.Web.Features.Media;

/// <summary>
/// Turns an article's library pictures (<c>![alt](/media/KEY.jpg "caption")</c>) into responsive pictures: a
/// picture alone in its paragraph becomes a <c>figure</c> with its caption and credit; one inside a sentence
/// keeps its place. Runs on the renderer's HTML before the sanitizer, which has the last word.
/// </summary>
public static class LibraryFigures
{
    private static readonly HtmlParser _parser = new();

    /// <param name="pictures">Every variant key of the article's library pictures, mapped to its picture.</param>
    public static string Apply(string html, IReadOnlyDictionary<string, PictureView> pictures)
    {
        if (pictures.Count == 0 || !html.Contains(MediaAddresses.Prefix, StringComparison.Ordinal))
        {
            return html;
        }

        var document = _parser.ParseDocument(string.Empty);
        var body = document.Body!;
        body.InnerHtml = html;
        foreach (var image in body.QuerySelectorAll("img").ToList())
        {
            var src = image.GetAttribute("src") ?? string.Empty;
            if (!src.StartsWith(MediaAddresses.Prefix, StringComparison.Ordinal)
                || !pictures.TryGetValue(src[MediaAddresses.Prefix.Length..], out var picture))
            {
                continue;
            }

            var alt = image.GetAttribute("alt") is { Length: > 0 } typed ? typed : picture.AltText;
            var caption = image.GetAttribute("title");
            var responsive = PictureElement(document, picture, alt);
            var paragraph = image.ParentElement;
            if (paragraph is { LocalName: "p" } && paragraph.ChildNodes.All(n => n == image || (n is IText text && string.IsNullOrWhiteSpace(text.Data))))
            {
                var figure = document.CreateElement("figure");
                figure.AppendChild(responsive);
                if (caption is { Length: > 0 } || picture.Credit is not null)
                {
                    var figcaption = document.CreateElement("figcaption");
                    figcaption.TextContent = caption ?? string.Empty;
                    if (picture.Credit is { } credit)
                    {
                        var span = document.CreateElement("span");
                        span.TextContent = credit;
                        figcaption.AppendChild(span);
                    }

                    figure.AppendChild(figcaption);
                }

                paragraph.Replace(figure);
            }
            else
            {
                image.Replace(responsive);
            }
        }

        return body.InnerHtml;
    }

    private static IElement PictureElement(IDocument document, PictureView picture, string alt)
    {
        var element = document.CreateElement("picture");
        var source = document.CreateElement("source");
        source.SetAttribute("type", "image/webp");
        source.SetAttribute("srcset", picture.SrcSet(webP: true));
        source.SetAttribute("sizes", PictureSizes.Hero);
        element.AppendChild(source);
        var fallback = picture.Fallback;
        var image = document.CreateElement("img");
        image.SetAttribute("src", fallback.Url);
        image.SetAttribute("srcset", picture.SrcSet(webP: false));
        image.SetAttribute("sizes", PictureSizes.Hero);
        image.SetAttribute("width", fallback.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
        image.SetAttribute("height", fallback.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
        image.SetAttribute("alt", alt);
        image.SetAttribute("loading", "lazy");
        image.SetAttribute("decoding", "async");
        element.AppendChild(image);
        return element;
    }
}
