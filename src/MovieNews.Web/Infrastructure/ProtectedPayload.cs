using System.Buffers;
using System.Buffers.Text;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// A cheap look at a value before ASP.NET Core's data protection tries to decrypt it: every payload it makes is
/// unpadded base64url text whose bytes start with its magic header and a key id. Anything else (a junk or truncated
/// cookie, a mangled link) is refused here instead of by an exception, which cost a reader with a junk cookie more
/// than rendering the rest of their page.
/// </summary>
public static class ProtectedPayload
{
    private static readonly SearchValues<char> _base64Url = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static ReadOnlySpan<byte> MagicHeader => [0x09, 0xF0, 0xC9, 0xF0];

    /// <summary>The header and the key id (16 bytes) come before any encrypted data: at least 21 bytes, 28 characters.</summary>
    private const int MinimumLength = 28;

    public static bool LooksValid(string? value)
    {
        if (value is null || value.Length < MinimumLength || value.Length > 16 * 1024 || value.AsSpan().ContainsAnyExcept(_base64Url))
        {
            return false;
        }

        // The first eight characters are two whole groups of four: six bytes, never an error.
        Span<byte> start = stackalloc byte[6];
        var status = Base64Url.DecodeFromChars(value.AsSpan(0, 8), start, out _, out var written, isFinalBlock: false);
        return status == OperationStatus.Done && written == start.Length && start[..MagicHeader.Length].SequenceEqual(MagicHeader);
    }
}
