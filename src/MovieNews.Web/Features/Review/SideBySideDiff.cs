using System.Text;
using System.Text.Encodings.Web;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Microsoft.AspNetCore.Html;

namespace MovieNews.Web.Features.Review;

/// <summary>
/// Two texts line by line, before on the left and after on the right, with the changed words marked (DiffPlex). Long
/// stretches of unchanged lines fold to a count, so a one-word fix in a long article reads at a glance.
/// </summary>
public static class SideBySideDiff
{
    /// <summary>Unchanged lines kept around each change.</summary>
    public const int Context = 2;

    public static bool Same(string? before, string? after) => string.Equals(Normalize(before), Normalize(after), StringComparison.Ordinal);

    public static IHtmlContent Render(string? before, string? after, string caption)
    {
        var model = SideBySideDiffBuilder.Diff(Normalize(before), Normalize(after), ignoreWhiteSpace: false, ignoreCase: false);
        var rows = Math.Min(model.OldText.Lines.Count, model.NewText.Lines.Count);
        var keep = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            if (IsChange(model.OldText.Lines[i]) || IsChange(model.NewText.Lines[i]))
            {
                for (var j = Math.Max(0, i - Context); j <= Math.Min(rows - 1, i + Context); j++)
                {
                    keep[j] = true;
                }
            }
        }

        var html = new StringBuilder();
        html.Append("<table class=\"diff\"><caption>").Append(Encode(caption)).Append("</caption>")
            .Append("<thead><tr><th scope=\"col\">").Append(Encode(Site.SiteText.Get("Before"))).Append("</th><th scope=\"col\">").Append(Encode(Site.SiteText.Get("After"))).Append("</th></tr></thead><tbody>");
        var folded = 0;
        for (var i = 0; i < rows; i++)
        {
            if (!keep[i])
            {
                folded++;
                continue;
            }

            AppendFold(html, folded);
            folded = 0;
            html.Append("<tr>");
            AppendCell(html, model.OldText.Lines[i], "del");
            AppendCell(html, model.NewText.Lines[i], "ins");
            html.Append("</tr>");
        }

        AppendFold(html, folded);
        html.Append("</tbody></table>");
        return new HtmlString(html.ToString());
    }

    private static bool IsChange(DiffPiece line) => line.Type is not ChangeType.Unchanged;

    private static void AppendFold(StringBuilder html, int folded)
    {
        if (folded > 0)
        {
            var text = folded == 1 ? Site.SiteText.Get("1 unchanged line") : Site.SiteText.Format("{0} unchanged lines", folded);
            html.Append("<tr class=\"diff-fold\"><td colspan=\"2\">").Append(Encode(text)).Append("</td></tr>");
        }
    }

    /// <summary>A removed line is wholly in <c>del</c>, an added one in <c>ins</c>; a changed line marks only its changed words.</summary>
    private static void AppendCell(StringBuilder html, DiffPiece line, string mark)
    {
        switch (line.Type)
        {
            case ChangeType.Imaginary:
                html.Append("<td class=\"diff-empty\"></td>");
                return;
            case ChangeType.Unchanged:
                html.Append("<td>").Append(Encode(line.Text)).Append("</td>");
                return;
            case ChangeType.Modified:
                html.Append("<td class=\"diff-changed\">");
                foreach (var (changed, phrase) in Phrases(line))
                {
                    if (changed)
                    {
                        html.Append('<').Append(mark).Append('>').Append(Encode(phrase)).Append("</").Append(mark).Append('>');
                    }
                    else
                    {
                        html.Append(Encode(phrase));
                    }
                }

                html.Append("</td>");
                return;
            default:
                html.Append("<td class=\"diff-").Append(mark).Append("\"><").Append(mark).Append('>')
                    .Append(line.Text is { Length: > 0 } text ? Encode(text) : " ").Append("</").Append(mark).Append("></td>");
                return;
        }
    }

    /// <summary>The line's words as runs of changed and unchanged text; a space between two changed words joins them, so a changed phrase is marked as one.</summary>
    private static List<(bool Changed, string Text)> Phrases(DiffPiece line)
    {
        var words = line.SubPieces.Where(w => w.Type is not ChangeType.Imaginary)
            .Select(w => (Changed: w.Type is not ChangeType.Unchanged, Text: w.Text ?? string.Empty)).ToList();
        for (var i = 1; i < words.Count - 1; i++)
        {
            if (!words[i].Changed && string.IsNullOrWhiteSpace(words[i].Text) && words[i - 1].Changed && words[i + 1].Changed)
            {
                words[i] = (true, words[i].Text);
            }
        }

        var phrases = new List<(bool Changed, string Text)>();
        foreach (var word in words)
        {
            if (phrases.Count > 0 && phrases[^1].Changed == word.Changed)
            {
                phrases[^1] = (word.Changed, phrases[^1].Text + word.Text);
            }
            else
            {
                phrases.Add(word);
            }
        }

        return phrases;
    }

    private static string Normalize(string? text) => (text ?? string.Empty).ReplaceLineEndings("\n");

    // Accents, curly quotes and emoji stay themselves; only what HTML gives meaning to is encoded.
    private static readonly HtmlEncoder _encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Encode(string? text) => _encoder.Encode(text ?? string.Empty);
}
