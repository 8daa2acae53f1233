using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace MovieNews.Web.Features.Mail;

/// <summary>What an unsubscribe link stops: one conversation's subscription, or every subscription of an address.</summary>
public enum UnsubscribeScope
{
    Subscription,
    Address,
}

public sealed record ConfirmToken(Guid SubscriptionId, string AddressKey);

public sealed record UnsubscribeToken(UnsubscribeScope Scope, Guid SubscriptionId, string AddressKey);

/// <summary>
/// The links in notices, encrypted and authenticated with the site's Data Protection keys (shared by every
/// instance): nobody can forge one or change the address or subscription inside it. A confirmation link carries
/// its own expiry, judged by the site's clock; unsubscribe links keep working.
/// </summary>
public sealed class SubscriptionTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector _confirm = protection.CreateProtector("MovieNews.Mail.Confirm.v1");
    private readonly IDataProtector _unsubscribe = protection.CreateProtector("MovieNews.Mail.Unsubscribe.v1");

    public string ForConfirm(Guid subscriptionId, string addressKey, TimeSpan lifetime)
    {
        var expires = clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return _confirm.Protect($"{subscriptionId:N}\n{addressKey}\n{expires}");
    }

    /// <summary>The subscription and address a confirmation link names, or null when it was forged, altered or has expired.</summary>
    public ConfirmToken? ReadConfirm(string? token)
    {
        if (Unprotect(_confirm, token) is not [var id, var address, var expires]
            || !Guid.TryParseExact(id, "N", out var subscriptionId)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresUnix)
            || clock.GetUtcNow().ToUnixTimeSeconds() > expiresUnix)
        {
            return null;
        }

        return new ConfirmToken(subscriptionId, address);
    }

    public string ForUnsubscribe(UnsubscribeScope scope, Guid subscriptionId, string addressKey) =>
        _unsubscribe.Protect($"{(scope == UnsubscribeScope.Address ? "a" : "s")}\n{subscriptionId:N}\n{addressKey}");

    public UnsubscribeToken? ReadUnsubscribe(string? token) =>
        Unprotect(_unsubscribe, token) is [var scope and ("a" or "s"), var id, var address] && Guid.TryParseExact(id, "N", out var subscriptionId)
            ? new UnsubscribeToken(scope == "a" ? UnsubscribeScope.Address : UnsubscribeScope.Subscription, subscriptionId, address)
            : null;

    private static string[]? Unprotect(IDataProtector protector, string? token)
    {
        if (token is null || token.Length > 2000 || !Infrastructure.ProtectedPayload.LooksValid(token))
        {
            return null;
        }

        try
        {
            return protector.Unprotect(token).Split('\n');
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
