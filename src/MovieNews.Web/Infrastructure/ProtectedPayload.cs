using System.Buffers.Text;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// A cheap look at a value before ASP.NET Core's data protection tries to decrypt it: every payload it makes is
/// base64url text whose bytes start with its magic header and a key id. Anything else (a junk or truncated cookie,
/// a mangled link) is refused here instead of by an exception, which cost a reader with a junk cookie more than
/// rendering the rest of their page.
/// </summary>
public static class ProtectedPayload
{
    private static ReadOnlySpan<byte> MagicHeader => [0x09, 0xF0, 0xC9, 0xF0];

    /// <summary>The header and the key id (16 bytes) come before any encrypted data.</summary>
    private const int MinimumBytes = 4 + 16 + 1;

    public static bool LooksValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 16 * 1024 || !Base64Url.IsValid(value, out var length) || length < MinimumBytes)
        {
            return false;
        }

        Span<byte> start = stackalloc byte[Base64Url.GetMaxDecodedLength(8)];
        return Base64Url.DecodeFromChars(value.AsSpan(0, 8), start) >= MagicHeader.Length
            && start[..MagicHeader.Length].SequenceEqual(MagicHeader);
    }
}
