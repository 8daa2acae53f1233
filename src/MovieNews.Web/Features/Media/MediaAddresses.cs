using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace MovieNews.Web.Features.Media;

/// <summary>The one place that knows what a media address looks like.</summary>
public static partial class MediaAddresses
{
    public const string Prefix = "/media/";

    public static string PathOf(string key) => Prefix + key;

    public static string KeyFor(byte[] content, string extension) =>
        Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16)) + "." + extension;

    /// <summary>A key this site could have made: nothing else (no dots, slashes or other names) ever reaches a store.</summary>
    public static bool IsKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>Every media key an article's Markdown mentions, so the library knows which articles use a picture.</summary>
    public static IReadOnlySet<string> KeysIn(string markdown) =>
        MentionPattern().Matches(markdown).Select(m => m.Groups["key"].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\A[0-9a-f]{32}\.(webp|jpg)\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"/media/(?<key>[0-9a-f]{32}\.(webp|jpg))\b", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();
}
