using System.Net;
using MovieNews.Web.Infrastructure;

namespace MovieNews.UnitTests.Infrastructure;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("::1", "::1")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    public void A_client_is_its_ipv4_address_or_its_ipv6_64(string address, string key) =>
        Assert.Equal(key, ClientAddress.KeyOf(IPAddress.Parse(address)));

    [Fact]
    public void Two_addresses_in_one_ipv6_64_are_one_client() =>
        Assert.Equal(ClientAddress.KeyOf(IPAddress.Parse("2001:db8::1")), ClientAddress.KeyOf(IPAddress.Parse("2001:db8::abcd:1234")));

    [Fact]
    public void No_address_is_one_unknown_client() => Assert.Equal("unknown", ClientAddress.KeyOf(null));
}
