using System.Runtime.InteropServices;
using System.Text;

namespace MovieNews.Fuzz;

/// <summary>How raw fuzzer bytes become the strings a form or a file would deliver.</summary>
public static class FuzzInput
{
    /// <summary>Separates the fields of a comment form in the <c>comment</c> target (the ASCII unit separator).</summary>
    public const char FieldSeparator = '\u001F';

    public static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// UTF-8 by default, so seeds stay readable. A leading FF FE switches to raw UTF-16LE code units: the only way
    /// bytes can reach the lone surrogates that strings (not UTF-8) can hold.
    /// </summary>
    public static string Text(byte[] input) =>
        input is [0xFF, 0xFE, ..]
            ? new string(MemoryMarshal.Cast<byte, char>(input.AsSpan(2, (input.Length - 2) & ~1)))
            : Encoding.UTF8.GetString(input);

    /// <summary>The text split into exactly <paramref name="count"/> fields; missing ones are null.</summary>
    public static string?[] Fields(string text, int count)
    {
        var parts = text.Split(FieldSeparator, count);
        var fields = new string?[count];
        Array.Copy(parts, fields, parts.Length);
        return fields;
    }
}
