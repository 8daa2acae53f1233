using System.Net;

namespace MovieNews.Web.Features.Moderation;

public enum BanKind
{
    Email,
    Name,
    Address,
    Network,
}

/// <summary>A ban in force, as the rule needs it. <see cref="Value"/>: email, name, salted address hash, or CIDR network.</summary>
public sealed record ActiveBan(int Id, BanKind Kind, string Value, string Reason, bool Shadow, DateTime? ExpiresUtc);

/// <summary>
/// The ban rule: does a comment's author (name and email as normalised, the salted hash of their address, the live
/// address for network bans) match a ban in force? The first match wins, refusing bans before shadow ones.
/// </summary>
public static class BanRule
{
    public static ActiveBan? Find(IEnumerable<ActiveBan> bans, string name, string? email, string clientHash, IPAddress? address)
    {
        if (address is { IsIPv4MappedToIPv6: true })
        {
            address = address.MapToIPv4();
        }

        return bans.Where(ban => Matches(ban, name, email, clientHash, address)).OrderBy(b => b.Shadow).ThenBy(b => b.Id).FirstOrDefault();
    }

    private static bool Matches(ActiveBan ban, string name, string? email, string clientHash, IPAddress? address) => ban.Kind switch
    {
        BanKind.Email => email is not null && string.Equals(ban.Value, email, StringComparison.OrdinalIgnoreCase),
        BanKind.Name => string.Equals(ban.Value, name, StringComparison.OrdinalIgnoreCase),
        BanKind.Address => string.Equals(ban.Value, clientHash, StringComparison.Ordinal),
        BanKind.Network => address is not null && IPNetwork.TryParse(ban.Value, out var network) && network.Contains(address),
        _ => false,
    };
}
