using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MovieNews.Web.Infrastructure;

namespace MovieNews.UnitTests.Infrastructure;

/// <summary>What ASP.NET Core's forwarded-headers middleware does with the options <see cref="TrustedProxies"/> gives it.</summary>
public sealed class ForwardedHeadersTests
{
    private static TrustedProxies OneProxy => TrustedProxiesTests.Read(("ForwardedHeaders:KnownProxies:0", "10.0.0.5"));

    [Fact]
    public void The_client_is_the_address_the_known_proxy_appended()
    {
        var request = Forward(OneProxy, from: "10.0.0.5", ("X-Forwarded-For", "198.51.100.7"));

        Assert.Equal(IPAddress.Parse("198.51.100.7"), request.Connection.RemoteIpAddress);
    }

    [Fact]
    public void Addresses_the_client_wrote_itself_left_of_the_proxy_entry_are_not_believed()
    {
        var request = Forward(OneProxy, from: "10.0.0.5", ("X-Forwarded-For", "1.2.3.4, 10.0.0.5, 198.51.100.7"));

        Assert.Equal(IPAddress.Parse("198.51.100.7"), request.Connection.RemoteIpAddress);
    }

    [Fact]
    public void Behind_two_known_proxies_the_client_is_the_address_the_outer_one_saw()
    {
        var proxies = TrustedProxiesTests.Read(("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8"));

        var request = Forward(proxies, from: "10.0.0.5", ("X-Forwarded-For", "1.2.3.4, 198.51.100.7, 10.9.9.9"));

        Assert.Equal(IPAddress.Parse("198.51.100.7"), request.Connection.RemoteIpAddress);
    }

    [Fact]
    public void The_scheme_a_known_proxy_forwards_becomes_the_request_scheme()
    {
        var request = Forward(OneProxy, from: "10.0.0.5", ("X-Forwarded-For", "198.51.100.7"), ("X-Forwarded-Proto", "https"));

        Assert.True(request.Request.IsHttps);
    }

    [Fact]
    public void Forwarded_headers_from_a_peer_that_is_not_a_known_proxy_are_ignored()
    {
        var request = Forward(OneProxy, from: "192.0.2.1", ("X-Forwarded-For", "198.51.100.7"), ("X-Forwarded-Proto", "https"));

        Assert.Equal(IPAddress.Parse("192.0.2.1"), request.Connection.RemoteIpAddress);
        Assert.False(request.Request.IsHttps);
    }

    [Fact]
    public void Loopback_is_not_trusted_unless_configured()
    {
        var request = Forward(OneProxy, from: "127.0.0.1", ("X-Forwarded-For", "198.51.100.7"), ("X-Forwarded-Proto", "https"));

        Assert.Equal(IPAddress.Loopback, request.Connection.RemoteIpAddress);
        Assert.False(request.Request.IsHttps);
    }

    [Fact]
    public void Networks_alone_trust_only_their_own_addresses()
    {
        var proxies = TrustedProxiesTests.Read(("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8"));

        var request = Forward(proxies, from: "192.0.2.1", ("X-Forwarded-For", "198.51.100.7"));

        Assert.Equal(IPAddress.Parse("192.0.2.1"), request.Connection.RemoteIpAddress);
    }

    [Fact]
    public void An_IPv4_mapped_peer_address_matches_an_IPv4_proxy()
    {
        var request = Forward(OneProxy, from: "::ffff:10.0.0.5", ("X-Forwarded-For", "198.51.100.7"));

        Assert.Equal(IPAddress.Parse("198.51.100.7"), request.Connection.RemoteIpAddress);
    }

    [Fact]
    public void X_Forwarded_Host_from_a_known_proxy_does_not_change_the_host()
    {
        var request = Forward(OneProxy, from: "10.0.0.5", ("X-Forwarded-For", "198.51.100.7"), ("X-Forwarded-Host", "evil.example"));

        Assert.Equal("news.example", request.Request.Host.Value);
    }

    private static DefaultHttpContext Forward(TrustedProxies proxies, string from, params (string Name, string Value)[] headers)
    {
        var options = new ForwardedHeadersOptions();
        proxies.ApplyTo(options);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(from);
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("news.example");
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(options)).ApplyForwarders(context);
        return context;
    }
}
