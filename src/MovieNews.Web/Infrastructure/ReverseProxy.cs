using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// Running behind a TLS-terminating reverse proxy (docs/operations.md, "Behind a reverse proxy"). The client's
/// address (<c>X-Forwarded-For</c>) and the original scheme (<c>X-Forwarded-Proto</c>) are taken from forwarded
/// headers only when the connection comes from a configured proxy, so the flood rule and the sign-in rate limit
/// see each reader, and cookies and HSTS see HTTPS. <c>X-Forwarded-Host</c> is never read: absolute addresses
/// come from <c>Site:PublicUrl</c> or the Host the proxy passes on, and no other request header may change them.
/// </summary>
public static class ReverseProxy
{
    public static WebApplicationBuilder AddReverseProxy(this WebApplicationBuilder builder)
    {
        var proxies = TrustedProxies.Read(builder.Configuration);
        builder.Services.AddSingleton(proxies);
        builder.Services.Configure<ForwardedHeadersOptions>(proxies.ApplyTo);
        // The antiforgery cookie is never Secure by default (CookieSecurePolicy.None); it should be whenever the
        // page was served over HTTPS, which behind a proxy is only known once the forwarded scheme is applied.
        builder.Services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    /// <summary>First in the pipeline: everything after it (error pages, HSTS, rate limits, cookies) sees the real client.</summary>
    public static WebApplication UseReverseProxy(this WebApplication app)
    {
        // With no proxy configured the middleware must not run at all: with empty lists it would believe anyone.
        if (app.Services.GetRequiredService<TrustedProxies>().IsConfigured)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}

/// <summary>
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR networks): the
/// only peers whose forwarded headers are believed. Each is a list (<c>ForwardedHeaders__KnownProxies__0=10.0.0.5</c>)
/// or one comma-separated value. A malformed entry stops the start, naming the setting and the entry.
/// </summary>
public sealed class TrustedProxies
{
    public const string KnownProxiesSetting = "ForwardedHeaders:KnownProxies";
    public const string KnownNetworksSetting = "ForwardedHeaders:KnownNetworks";

    /// <summary>ASP.NET Core's own switch (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>), which believes forwarded headers from anyone.</summary>
    public const string FrameworkSwitch = "ForwardedHeaders_Enabled";

    public TrustedProxies(IReadOnlyList<IPAddress> proxies, IReadOnlyList<IPNetwork> networks)
    {
        Proxies = proxies;
        Networks = networks;
    }

    public IReadOnlyList<IPAddress> Proxies { get; }

    public IReadOnlyList<IPNetwork> Networks { get; }

    public bool IsConfigured => Proxies.Count > 0 || Networks.Count > 0;

    public static TrustedProxies Read(IConfiguration configuration)
    {
        if (string.Equals(configuration[FrameworkSwitch], "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"ASPNETCORE_FORWARDEDHEADERS_ENABLED makes ASP.NET Core believe X-Forwarded-For and X-Forwarded-Proto from any client; unset it and name the proxies in {KnownProxiesSetting} or {KnownNetworksSetting} instead.");
        }

        return new(
            Entries(configuration.GetSection(KnownProxiesSetting)).Select(ParseProxy).ToList(),
            Entries(configuration.GetSection(KnownNetworksSetting)).Select(ParseNetwork).ToList());
    }

    /// <summary>
    /// Only the client address and the scheme are forwarded, and the chain is walked from the right: each entry is
    /// believed only while the peer that wrote it is a known proxy. A client's own <c>X-Forwarded-For</c> entries
    /// sit left of the one its proxy appended, so they are never reached.
    /// </summary>
    public void ApplyTo(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // Unlimited, but bounded by the trust walk above: with a CDN in front of nginx, both known, the CDN's
        // entry is reached and the client's address is the one the CDN saw.
        options.ForwardLimit = null;
        // ASP.NET Core trusts loopback out of the box; here only what is configured is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list is cleared too, in case it still holds the loopback default.
        options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
        foreach (var proxy in Proxies)
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in Networks)
        {
            options.KnownIPNetworks.Add(network);
        }
    }

    private static IEnumerable<(string Setting, string Entry)> Entries(IConfigurationSection section)
    {
        var listed = section.GetChildren().Select(child => (Setting: child.Path, Value: child.Value ?? string.Empty));
        var own = section.Value is null ? [] : new[] { (Setting: section.Path, Value: section.Value) };
        return own.Concat(listed)
            .SelectMany(item => item.Value.Split(',', StringSplitOptions.TrimEntries).Select(entry => (item.Setting, entry)))
            .Where(item => item.entry.Length > 0);
    }

    private static IPAddress ParseProxy((string Setting, string Entry) item)
    {
        if (item.Entry.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{item.Setting} must be an IP address, like 10.0.0.5 (it is '{item.Entry}'); put networks like 10.0.0.0/8 in {KnownNetworksSetting}.");
        }

        var address = TryParseAddress(item.Entry) ?? throw new InvalidOperationException(
            $"{item.Setting} must be an IP address, like 10.0.0.5 or fd00::5 (it is '{item.Entry}').");
        // A proxy configured as ::ffff:10.0.0.5 is compared with the IPv4 address the server reports.
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    private static IPNetwork ParseNetwork((string Setting, string Entry) item)
    {
        var example = $"{item.Setting} must be a network in CIDR notation, like 10.0.0.0/8 or fd00::/8 (it is '{item.Entry}')";
        var slash = item.Entry.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            throw new InvalidOperationException($"{example}; put single addresses in {KnownProxiesSetting}.");
        }

        var address = TryParseAddress(item.Entry[..slash]) ?? throw new InvalidOperationException($"{example}.");
        var maxLength = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var lengthText = item.Entry[(slash + 1)..];
        var length = lengthText.Length is >= 1 and <= 3 && lengthText.All(char.IsAsciiDigit) ? int.Parse(lengthText, CultureInfo.InvariantCulture) : -1;
        if (length < 0 || length > maxLength)
        {
            throw new InvalidOperationException($"{example}: the prefix length must be 0 to {maxLength}.");
        }

        var network = new IPNetwork(Masked(address, length), length);
        if (!network.BaseAddress.Equals(address))
        {
            // 10.1.2.3/8 is most likely a typo for an address or a network: refuse rather than guess which.
            throw new InvalidOperationException($"{example}: the address must be the network's first address ({network}).");
        }

        return network;
    }

    /// <summary>
    /// Plain dotted quads or IPv6 only. <see cref="IPAddress.TryParse(string, out IPAddress)"/> also reads "10.1" as
    /// 10.0.0.1 and "010.0.0.1" as octal, which a setting should never mean.
    /// </summary>
    private static IPAddress? TryParseAddress(string text)
    {
        if (!IPAddress.TryParse(text, out var address))
        {
            return null;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            return address;
        }

        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0'))
            ? address
            : null;
    }

    private static IPAddress Masked(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
