namespace MovieNews.Web.Features.Rendering;

/// <summary>
/// A linear look for the nesting that makes Markdig work hard before it gives up: block containers opened on one
/// line ("&gt; &gt; - 1. …") and unclosed link brackets. Well below Markdig's own limit, so nothing it would
/// accept is refused here unless it nests beyond anything a person writes.
/// </summary>
public static class NestingLimit
{
    public const int MaxDepth = 64;

    public static bool IsExceeded(string markdown)
    {
        var brackets = 0;
        var lineStart = true;
        var markers = 0;
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (c == '\n')
            {
                (lineStart, markers) = (true, 0);
                continue;
            }

            if (lineStart)
            {
                if (c is ' ' or '\t')
                {
                    continue;
                }

                var marker = MarkerLength(markdown, i);
                if (marker > 0)
                {
                    if (++markers > MaxDepth)
                    {
                        return true;
                    }

                    i += marker - 1;
                    continue;
                }

                lineStart = false;
            }

            if (c == '\\')
            {
                i++;
            }
            else if (c == '[' && ++brackets > MaxDepth)
            {
                return true;
            }
            else if (c == ']' && brackets > 0)
            {
                brackets--;
            }
        }

        return false;
    }

    /// <summary>The length of a container marker at <paramref name="at"/>: "&gt;", "- ", "* ", "+ ", "12. ", "3) "; 0 for none.</summary>
    private static int MarkerLength(string text, int at)
    {
        static bool EndsMarker(string text, int index) => index >= text.Length || text[index] is ' ' or '\t' or '\n';

        var c = text[at];
        if (c == '>')
        {
            return 1;
        }

        if (c is '-' or '*' or '+')
        {
            return EndsMarker(text, at + 1) ? 1 : 0;
        }

        var end = at;
        while (end < text.Length && end - at < 9 && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end > at && end < text.Length && text[end] is '.' or ')' && EndsMarker(text, end + 1) ? end - at + 1 : 0;
    }
}
