using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MovieNews.Web.Features.Comments;

/// <summary>
/// A commenter's picture, drawn on the server from a keyed hash of their e-mail address: the same address always
/// gives the same picture, and nobody can tell the address from it. The key (derived from the site's secret salt,
/// never published) is what makes it safe: a plain MD5 or SHA-256 of the address, as Gravatar uses, can be matched
/// against a list of addresses by anyone. No third party is asked for anything, and an author without an address
/// gets the neutral picture.
/// </summary>
public sealed class CommentAvatars(ClientFingerprint secrets)
{
    public async Task<Func<string?, Avatar>> PainterAsync(CancellationToken cancellationToken)
    {
        var key = await secrets.DeriveKeyAsync("comment-avatars", cancellationToken);
        return email => string.IsNullOrWhiteSpace(email)
            ? Avatar.Neutral
            : Avatar.From(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
    }
}

/// <summary>
/// A 5×5 mirrored pattern in a colour, both taken from a keyed hash; <see cref="Markup"/> is inline SVG of numbers
/// only. The neutral picture is an empty element the style sheet draws, so a page of comments without addresses
/// does not repeat the same drawing for each.
/// </summary>
public sealed record Avatar(string Markup)
{
    private const string Open = "<svg class=\"avatar\" viewBox=\"0 0 5 5\" aria-hidden=\"true\">";

    public static Avatar Neutral { get; } = new("<span class=\"avatar avatar-neutral\" aria-hidden=\"true\"></span>");

    public static Avatar From(ReadOnlySpan<byte> hash)
    {
        var hue = ((hash[0] << 8) | hash[1]) % 360;
        var bits = (hash[2] << 16) | (hash[3] << 8) | hash[4];
        var path = new StringBuilder();
        for (var row = 0; row < 5; row++)
        {
            for (var column = 0; column < 3; column++)
            {
                if ((bits >> (row * 3 + column) & 1) == 0)
                {
                    continue;
                }

                path.Append(CultureInfo.InvariantCulture, $"M{column} {row}h1v1h-1z");
                if (column < 2)
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{4 - column} {row}h1v1h-1z");
                }
            }
        }

        return new Avatar(string.Create(CultureInfo.InvariantCulture,
            $"{Open}<rect width=\"5\" height=\"5\" fill=\"hsl({hue} 40% 92%)\"/><path d=\"{path}\" fill=\"hsl({hue} 55% 42%)\"/></svg>"));
    }
}
