using System.Net;
using Microsoft.Extensions.Configuration;
using MovieNews.Web.Infrastructure;

namespace MovieNews.UnitTests.Infrastructure;

public sealed class TrustedProxiesTests
{
    [Fact]
    public void Without_settings_no_proxy_is_trusted() =>
        Assert.False(Read().IsConfigured);

    [Fact]
    public void Listed_proxies_and_networks_are_read()
    {
        var proxies = Read(
            ("ForwardedHeaders:KnownProxies:0", "10.0.0.5"),
            ("ForwardedHeaders:KnownProxies:1", "fd00::5"),
            ("ForwardedHeaders:KnownNetworks:0", "192.168.0.0/16"));

        Assert.True(proxies.IsConfigured);
        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5")], proxies.Proxies);
        Assert.Equal([System.Net.IPNetwork.Parse("192.168.0.0/16")], proxies.Networks);
    }

    [Fact]
    public void One_comma_separated_value_is_read_as_a_list()
    {
        var proxies = Read(("ForwardedHeaders:KnownProxies", "10.0.0.5, 10.0.0.6"), ("ForwardedHeaders:KnownNetworks", "10.1.0.0/16,fd00::/8"));

        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.0.6")], proxies.Proxies);
        Assert.Equal([System.Net.IPNetwork.Parse("10.1.0.0/16"), System.Net.IPNetwork.Parse("fd00::/8")], proxies.Networks);
    }

    [Fact]
    public void An_IPv4_mapped_proxy_address_is_kept_as_the_IPv4_address_the_server_reports() =>
        Assert.Equal([IPAddress.Parse("10.0.0.5")], Read(("ForwardedHeaders:KnownProxies:0", "::ffff:10.0.0.5")).Proxies);

    [Theory]
    [InlineData("10.0.0")]
    [InlineData("10.1")]
    [InlineData("010.0.0.1")]
    [InlineData("256.0.0.1")]
    [InlineData("proxy.internal")]
    [InlineData("10.0.0.5:8080")]
    public void A_proxy_that_is_not_an_IP_address_stops_the_start(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("ForwardedHeaders:KnownProxies:0", entry)));

        Assert.Contains("ForwardedHeaders:KnownProxies:0", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{entry}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_network_given_as_a_proxy_is_pointed_to_the_networks_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("ForwardedHeaders:KnownProxies:0", "10.0.0.0/8")));

        Assert.Contains("ForwardedHeaders:KnownNetworks", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/x")]
    [InlineData("10.0/8")]
    [InlineData("fd00::/129")]
    [InlineData("10.1.2.3/8")]
    public void A_network_that_is_not_in_CIDR_notation_stops_the_start(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("ForwardedHeaders:KnownNetworks:0", entry)));

        Assert.Contains("ForwardedHeaders:KnownNetworks:0", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{entry}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_network_written_with_a_host_address_names_the_network_it_would_be() =>
        Assert.Contains("(10.0.0.0/8)", Assert.Throws<InvalidOperationException>(() => Read(("ForwardedHeaders:KnownNetworks:0", "10.1.2.3/8"))).Message, StringComparison.Ordinal);

    [Fact]
    public void The_framework_switch_that_trusts_every_client_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("ForwardedHeaders_Enabled", "true")));

        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", error.Message, StringComparison.Ordinal);
    }

    internal static TrustedProxies Read(params (string Key, string Value)[] settings) =>
        TrustedProxies.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());
}
