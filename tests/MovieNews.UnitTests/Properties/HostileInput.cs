using System.Globalization;
using System.Text;
using CsCheck;

namespace MovieNews.UnitTests.Properties;

/// <summary>
/// Generators of the text attackers and unlucky users send: Unicode from every plane with the characters that break
/// naive code (lone surrogates, controls, bidi and format characters, combining marks, noncharacters), and Markdown
/// assembled from the fragments that matter to a parser and a sanitizer.
/// </summary>
internal static class HostileInput
{
    private static readonly string[] _formatAndInvisible =
    [
        "\u061C", "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E",
        "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\u2065", "\u2066", "\u2067", "\u2068", "\u2069", "\u206A",
        "\uFEFF", "\u00AD", "\u180E", "\u034F", "\u115F", "\u1160", "\u3164", "\uFFA0", "\u17B4", "\u17B5", "\uFFF0",
        "\uFFF9", "\uFFFA", "\uFFFB", "\u0600", "\u06DD", "\U000E0001", "\U000E0041", "\U000E0000", "\U000E0080",
        "\U0001D173", "\U0001BCA0", "\U00013430", "\uFE0F", "\u180B", "\U000E0100",
    ];

    private static readonly string[] _spaces =
    [
        " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\u0085", "\u00A0", "\u1680", "\u2000", "\u2007", "\u200A",
        "\u2028", "\u2029", "\u202F", "\u205F", "\u3000", "\v", "\f",
    ];

    private static readonly string[] _lookalikes =
        ["e\u0301", "\u00E9", "A\u030A", "\u212B", "\uFB01", "\uFF41", "\u0430", "\u0131", "\u0130", "\u00DF", "\u1E9E", "\u01C5", "\u0345", "\u0390"];

    /// <summary>One code point or code unit of a kind that matters; strings are made of these.</summary>
    public static Gen<string> UnicodeUnit { get; } = Gen.Frequency(
        (8, Gen.Char[' ', '~'].Select(c => c.ToString())),
        (2, Gen.OneOf(Gen.Char['\0', '\x1F'], Gen.Char['\x7F', '\x9F']).Select(c => c.ToString())),
        (3, Gen.OneOf(_formatAndInvisible)),
        (2, Gen.OneOf(_spaces)),
        (2, Gen.OneOf(CodePoints(0x0300, 0x036F), CodePoints(0x1AB0, 0x1AFF), CodePoints(0x20D0, 0x20FF), CodePoints(0xFE20, 0xFE2F))),
        (1, Gen.OneOf(CodePoints(0xFDD0, 0xFDEF), Gen.Select(Gen.Int[0, 16], Gen.Int[0xFFFE, 0xFFFF], (plane, last) => char.ConvertFromUtf32((plane << 16) | last)))),
        (1, Gen.Char['\uD800', '\uDFFF'].Select(c => c.ToString())),
        (3, Gen.OneOf(CodePoints(0x00A0, 0xD7FF), CodePoints(0xE000, 0xFFFD))),
        (2, CodePoints(0x10000, 0x10FFFF)),
        (1, Gen.OneOf(_lookalikes)));

    /// <summary>Any string: every plane, lone surrogates included.</summary>
    public static Gen<string> Unicode { get; } = UnicodeUnit.Array[0, 40].Select(string.Concat);

    /// <summary>Well-formed Unicode (what an HTTP form can deliver): no lone surrogates, every plane otherwise.</summary>
    public static Gen<string> WellFormedUnicode { get; } = Unicode.Select(s => RepairSurrogates(s));

    private static readonly string[] _markdownFragments =
    [
        // Emphasis and inline syntax
        "*", "**", "***", "_", "__", "~", "~~", "^", "==", "++", "`", "``", "```", "\\", "\\*", "&", "#", "|", "!", ":",
        "*a*", "**b**", "_c_", "~~d~~", "`code`", "a*b*c", "**unclosed", "_ _", "* * *",
        // Brackets, links, images, references, autolinks
        "[", "]", "(", ")", "![", "](", "<", ">", "[a]", "[a](", "[a](b)", "[^1]", "[^1]: note", "[ref]: http://example.com",
        "[a](http://example.com)", "[a](https://example.com \"title\")", "[a](<with space>)", "![img](x.png)", "![i](x \"t\")",
        "[a](javascript:alert(1))", "[a](JaVaScRiPt:alert(1))", "[a]( javascript:alert(1))", "[a](\tjavascript:alert(1))",
        "[a](java&#x09;script:alert(1))", "[a](&#106;avascript:alert(1))", "[a](javascript&colon;alert(1))",
        "[a](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1))",
        "[a](%6A%61%76%61script:alert(1))", "[a](java\u0000script:alert(1))", "[a](javascript\u200B:alert(1))",
        "[a](<javascript:alert(1)>)", "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[a](vbscript:msgbox(1))", "[a](VBScript:msgbox(1))", "[a](//evil.example)", "[a](\\\\evil.example)",
        "[a](x 'title\" onmouseover=alert(1)')", "[a]: javascript:alert(1)\n\n[a]", "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "<javascript:alert(1)>", "<http://example.com/a_b>",
        "<mailto:a@example.com>", "<a@example.com>", "www.example.com", "http://example.com/x_(y)", "https://a.example?q=<b>",
        "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "mailto:a@example.com", "ftp://example.com",
        // Raw HTML from XSS payload lists
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<svg><script>alert(1)</script></svg>",
        "<a href=\"javascript:alert(1)\">x</a>", "<a href=\" javascript:alert(1)\">x</a>", "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>", "<a href=javascript&colon;alert(1)>x</a>", "<iframe src=javascript:alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">", "<p style=\"text-align:center;color:red\">", "<p style=\"text-align:expression(alert(1))\">",
        "<style>*{color:red}</style>", "<!--", "-->", "<!-- c -->", "<![CDATA[", "]]>", "<?xml ?>", "<!DOCTYPE html>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>", "<form action=javascript:alert(1)><button>b</button></form>",
        "<details open ontoggle=alert(1)>", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<table><td background=javascript:alert(1)>", "<input autofocus onfocus=alert(1)>", "<object data=javascript:alert(1)>",
        "<base href=javascript:/>", "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">", "<template><script>alert(1)</script></template>",
        "<select><style></select><img src=x onerror=alert(1)>", "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<abbr title=\"x\" onclick=alert(1)>a</abbr>", "<figure id=x name=y>", "<td colspan=999999999>", "<ol start=-1>",
        "<img width=\"100%\" height=\"1e9\" src=x.png>", "<a href=x rel=opener target=_blank>", "<a name=x id=y>",
        "<sup>", "</sub>", "<kbd>", "<mark>", "<div>", "</div>", "<p>", "</p>", "<br>", "<br/>", "</br>", "<hr>", "<h1>", "<xmp>",
        "<plaintext>", "<textarea>", "</textarea>", "<title>", "<noembed>", "<listing>", "<isindex>", "<image src=x>", "<dialog open>",
        "<a href=\"x\" style=\"position:fixed\">", "<img src=x\u0000onerror=alert(1)>", "<IMG SRC=JaVaScRiPt:alert(1)>", "<scr<script>ipt>",
        // Code, blocks, lists, tables, footnotes
        "```js\n", "~~~\n", "    indented code\n", "> ", ">> ", "> > ", "- ", "* ", "+ ", "1. ", "1) ", "a. ", "i. ", "- [ ] ",
        "# ", "## ", "###### ", "####### ", "---\n", "===\n", "***\n", "| a | b |\n|---|:-:|\n| c | d |\n", "|:-:|\n", "| x |",
        "[^1]:\n    indented note\n", "Term\n: definition\n", "\n- item\n  - nested\n",
        // Entities and escapes
        "&amp;", "&lt;", "&gt;", "&quot;", "&#0;", "&#x0;", "&#x110000;", "&#xD800;", "&#65535;", "&nbsp;", "&colon;", "&Tab;",
        "&NewLine;", "&#x26;", "&#", "&#x", "&bogus;", "&#999999999999;",
        // Typography the article pipeline rewrites
        "\"", "'", "--", "---", "...", "<<", ">>", "(c)",
    ];

    private static readonly (string Open, string Close)[] _nesting =
    [
        ("[", "]"), ("[", "](x)"), ("(", ")"), ("![", "](x)"), ("*", "*"), ("**", "**"), ("_", "_"), ("~~", "~~"), ("`", "`"),
        ("> ", ""), (">", ""), ("- ", ""), ("1. ", ""), ("> - ", ""), ("  ", "- x\n"), ("<div>", "</div>"),
        ("<blockquote>", "</blockquote>"), ("<a href=x>", "</a>"), ("<em>", "</em>"), ("<table><tr><td>", "</td></tr></table>"), ("| ", " |\n"),
    ];

    /// <summary>"Open" repeated, some text, "close" repeated (or not): from a little to a few hundred levels.</summary>
    public static Gen<string> Nesting { get; } = NestingOf(Gen.Frequency((12, Gen.Int[1, 20]), (3, Gen.Int[20, 150]), (1, Gen.Int[150, 600])));

    /// <summary>Nesting past Markdig's limits on quotes, lists and emphasis (a few hundred levels), up to 2,500 levels.</summary>
    public static Gen<string> DeepNesting { get; } = NestingOf(Gen.Int[300, 2500]);

    private static readonly Gen<string> _word = Gen.OneOf("film", "the", "casino", "Fuck", "f.u.c.k", "sh1t", "Film-noir", "a", "1", "x_y", "caf\u00E9");

    /// <summary>Markdown made of fragments that matter, Unicode and words, now and then nested deeply.</summary>
    public static Gen<string> Markdown { get; } = Gen.Frequency(
            (12, Gen.OneOf(_markdownFragments)),
            (4, UnicodeUnit),
            (4, _word),
            (3, Gen.OneOf(_spaces)),
            (1, Nesting))
        .Array[0, 40]
        .Select(string.Concat);

    /// <summary>Markdown around one very deep nest: what the red team's wall of "[" generalises to.</summary>
    public static Gen<string> DeeplyNestedMarkdown { get; } = Gen.Select(Markdown, DeepNesting, Markdown, (before, nest, after) => before + nest + after);

    /// <summary>Any text a form field or an editor could hold: mostly Markdown, otherwise raw Unicode.</summary>
    public static Gen<string> Text { get; } = Gen.Frequency((3, Markdown), (1, Unicode));

    /// <summary>Any text a browser can send (UTF-8 carries no lone surrogate): mostly Markdown, otherwise raw Unicode.</summary>
    public static Gen<string> WellFormedText { get; } = Text.Select(s => RepairSurrogates(s));

    /// <summary>Web addresses, mostly near-misses: schemes, entities, credentials, Unicode hosts.</summary>
    public static Gen<string> Website { get; } = Gen.Frequency(
        (3, Gen.OneOf(
            "https://example.com", "http://example.com/a?b=c#d", "https://bücher.example/ß", "https://xn--bcher-kva.example",
            "javascript:alert(1)", "https://user:pass@example.com", "http://[::1]/", "http://127.0.0.1:0/", "https://example.com/\"onmouseover=\"x",
            "//example.com", "https:example.com", "HTTPS://EXAMPLE.COM", "http://a", "https://" + new string('a', 300) + ".example",
            "https://exa\u200Bmple.com", "https://\u0430pple.com", "http://%00.example", "data:text/html,x", "https://example.com:99999",
            "http://example.com/\u202Etxt.exe", "https://\uFF45xample.com", "http://example.com./", "http://.example")),
        (1, Gen.Select(Gen.OneOf("http://", "https://", "javascript:", ""), Unicode, (scheme, rest) => scheme + rest)));

    /// <summary>Email addresses, mostly near-misses.</summary>
    public static Gen<string> Email { get; } = Gen.Frequency(
        (3, Gen.OneOf("reader@example.com", "a@b.c", "a@@b.c", "a@b", "\"a b\"@example.com", "a@example.com.", "ü@bücher.example",
            "a@[127.0.0.1]", "a+tag@example.com", "<a@example.com>", "a@example.com,b@example.com", new string('a', 250) + "@example.com")),
        (1, Gen.Select(Unicode, Unicode, (local, domain) => local + "@" + domain)));

    /// <summary>Parent ids: real ones, the depth limit, and everything that is not a positive number.</summary>
    public static Gen<string> ParentId { get; } = Gen.Frequency(
        (3, Gen.Int[-2, 7].Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("", " 1", "1 ", "+1", "01", "1e3", "0x1", "2147483647", "2147483648", "99999999999999999999", "١", "\uFF11")),
        (1, Unicode));

    /// <summary>Strings shown escaped, so a failure report shows exactly which code units broke the property.</summary>
    public static string Show(string value)
    {
        var shown = new StringBuilder("\"");
        foreach (var c in value)
        {
            shown.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return shown.Append('"').ToString();
    }

    private static Gen<string> NestingOf(Gen<int> depth) => Gen.Select(
        Gen.OneOf(_nesting),
        depth,
        Gen.Bool,
        (pair, levels, closed) => string.Concat(Enumerable.Repeat(pair.Open, levels)) + "x" + (closed ? string.Concat(Enumerable.Repeat(pair.Close, levels)) : ""));

    private static Gen<string> CodePoints(int first, int last) => Gen.Int[first, last].Select(char.ConvertFromUtf32);

    private static string RepairSurrogates(string value)
    {
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsSurrogatePair(value, i))
            {
                result.Append(value, i++, 2);
            }
            else
            {
                result.Append(char.IsSurrogate(value[i]) ? '\uFFFD' : value[i]);
            }
        }

        return result.ToString();
    }
}
