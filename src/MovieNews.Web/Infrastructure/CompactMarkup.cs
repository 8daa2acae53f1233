using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// The reader pages' template text without its indentation. Razor writes a template's text (never a model's value,
/// which goes through <c>Write</c>) with <c>WriteLiteral</c>; the bases below collapse each run of whitespace in it as
/// a browser would (a run with a line break becomes one line break, any other run one space), so the source keeps
/// its indentation and the page does not carry it: about a fifth of the article page was indentation. The templates
/// these bases serve hold no <c>&lt;pre&gt;</c> and no text inside a <c>&lt;textarea&gt;</c>, the two places where a
/// browser keeps whitespace as written.
/// </summary>
public static class CompactMarkup
{
    private const int MaxRemembered = 20_000;
    private static readonly ConcurrentDictionary<string, string> _compacted = new(LiteralComparer.Instance);

    /// <summary>The text compacted, remembered by reference: a template's literals are the same string objects on every render.</summary>
    public static string Of(string literal)
    {
        if (_compacted.TryGetValue(literal, out var compacted))
        {
            return compacted;
        }

        compacted = Compact(literal);
        if (_compacted.Count < MaxRemembered)
        {
            _compacted.TryAdd(literal, compacted);
        }

        return compacted;
    }

    public static string Compact(string text)
    {
        var builder = (System.Text.StringBuilder?)null;
        var copied = 0;
        for (var i = 0; i < text.Length;)
        {
            if (!IsSpace(text[i]))
            {
                i++;
                continue;
            }

            var end = i;
            var hasBreak = false;
            while (end < text.Length && IsSpace(text[end]))
            {
                hasBreak |= text[end] is '\n' or '\r';
                end++;
            }

            var replacement = hasBreak ? "\n" : " ";
            if (end - i > 1 || text[i] != replacement[0])
            {
                builder ??= new System.Text.StringBuilder(text.Length);
                builder.Append(text, copied, i - copied).Append(replacement);
                copied = end;
            }

            i = end;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    private sealed class LiteralComparer : IEqualityComparer<string>
    {
        public static readonly LiteralComparer Instance = new();

        public bool Equals(string? x, string? y) => ReferenceEquals(x, y);

        public int GetHashCode(string obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}

/// <summary>A reader-facing Razor page whose template text is compacted (<see cref="CompactMarkup"/>).</summary>
public abstract class CompactPage : Page
{
    public override void WriteLiteral(string? value) => base.WriteLiteral(value is null ? null : CompactMarkup.Of(value));
}

/// <summary>A reader-facing layout or partial whose template text is compacted (<see cref="CompactMarkup"/>).</summary>
public abstract class CompactView<TModel> : RazorPage<TModel>
{
    public override void WriteLiteral(string? value) => base.WriteLiteral(value is null ? null : CompactMarkup.Of(value));
}
