using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace MovieNews.Web.Features.Portability;

/// <summary>
/// Turns WordPress post and comment HTML into Markdown: paragraphs, line breaks, emphasis, links, images,
/// headings, lists, quotes and code. Unknown elements keep their text; shortcodes are unwrapped or dropped.
/// </summary>
public static partial class HtmlToMarkdown
{
    private static readonly HtmlParser _parser = new();

    public static string Convert(string html)
    {
        var withoutShortcodes = Shortcode().Replace(Autop(html), match =>
            match.Groups["name"].Value is "caption" or "embed" ? match.Groups["inner"].Value : string.Empty);
        var document = _parser.ParseDocument($"<body>{withoutShortcodes}</body>");
        var markdown = new StringBuilder();
        Blocks(document.Body!, markdown);
        return MultipleBlankLines().Replace(markdown.ToString(), "\n\n").Trim() + "\n";
    }

    /// <summary>WordPress stores paragraphs as blank lines, not &lt;p&gt;: make them paragraphs first.</summary>
    private static string Autop(string html) =>
        html.Contains("<p", StringComparison.OrdinalIgnoreCase)
            ? html
            : string.Join("", html.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(p => $"<p>{p.Replace("\n", "<br>", StringComparison.Ordinal)}</p>"));

    private static void Blocks(INode parent, StringBuilder output)
    {
        foreach (var node in parent.ChildNodes)
        {
            if (node is IElement element)
            {
                switch (element.LocalName)
                {
                    case "p" or "div" or "figure" or "section":
                        Blocks(element, output);
                        output.Append("\n\n");
                        break;
                    case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                        output.Append(new string('#', Math.Max(2, element.LocalName[1] - '0'))).Append(' ').Append(Inline(element).Trim()).Append("\n\n");
                        break;
                    case "blockquote":
                        var quote = new StringBuilder();
                        Blocks(element, quote);
                        output.Append(string.Join("\n", quote.ToString().Trim().Split('\n').Select(line => "> " + line))).Append("\n\n");
                        break;
                    case "ul" or "ol":
                        output.Append("\n\n");
                        var number = 1;
                        foreach (var item in element.Children.Where(c => c.LocalName == "li"))
                        {
                            output.Append(element.LocalName == "ol" ? $"{number++}. " : "- ").Append(Inline(item).Trim()).Append('\n');
                        }

                        output.Append('\n');
                        break;
                    case "pre":
                        output.Append("```\n").Append(element.TextContent.TrimEnd()).Append("\n```\n\n");
                        break;
                    case "hr":
                        output.Append("---\n\n");
                        break;
                    default:
                        output.Append(Format(element));
                        break;
                }
            }
            else if (node.NodeType == NodeType.Text)
            {
                output.Append(Escape(node.TextContent));
            }
        }
    }

    private static string Inline(INode parent)
    {
        var output = new StringBuilder();
        foreach (var node in parent.ChildNodes)
        {
            output.Append(node switch
            {
                IElement element => Format(element),
                _ when node.NodeType == NodeType.Text => Escape(node.TextContent),
                _ => string.Empty,
            });
        }

        return output.ToString();
    }

    /// <summary>One inline element in Markdown; its children are formatted in turn.</summary>
    private static string Format(IElement element)
    {
        var inner = Inline(element);
        return element.LocalName switch
        {
            "strong" or "b" => $"**{inner.Trim()}**",
            "em" or "i" => $"*{inner.Trim()}*",
            "del" or "s" or "strike" => $"~~{inner.Trim()}~~",
            "code" => $"`{element.TextContent}`",
            "br" => "  \n",
            "a" => element.GetAttribute("href") is { Length: > 0 } href ? $"[{inner.Trim()}]({href.Replace(")", "%29", StringComparison.Ordinal)})" : inner,
            "img" => element.GetAttribute("src") is { Length: > 0 } src ? $"![{element.GetAttribute("alt")}]({src.Replace(")", "%29", StringComparison.Ordinal)})" : string.Empty,
            "script" or "style" or "iframe" or "object" or "noscript" or "template" => string.Empty,
            _ => inner,
        };
    }

    /// <summary>Text stays text: characters Markdown would read as syntax are escaped.</summary>
    private static string Escape(string text) => MarkdownSyntax().Replace(text, @"\$1");

    [GeneratedRegex(@"\[(?<name>caption|gallery|embed|video|audio|playlist|contact-form(?:-7)?)\b[^\]]*\](?:(?<inner>.*?)\[/\k<name>\])?", RegexOptions.Singleline)]
    private static partial Regex Shortcode();

    [GeneratedRegex(@"([\\`*_\[\]<>#])")]
    private static partial Regex MarkdownSyntax();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex MultipleBlankLines();
}
