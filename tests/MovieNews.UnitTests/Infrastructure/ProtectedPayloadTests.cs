using Microsoft.AspNetCore.DataProtection;
using MovieNews.Web.Infrastructure;

namespace MovieNews.UnitTests.Infrastructure;

public sealed class ProtectedPayloadTests
{
    private static readonly IDataProtector _protector = new EphemeralDataProtectionProvider().CreateProtector("tests");

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("1,2,3")]
    public void Whatever_data_protection_makes_is_let_through(string plain) =>
        Assert.True(ProtectedPayload.LooksValid(_protector.Protect(plain)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bypass")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("CfDJ8")]
    [InlineData("CfDJ8 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("CfD J8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("\u0000fDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Junk_is_refused_before_any_decryption(string? value) => Assert.False(ProtectedPayload.LooksValid(value));

    [Fact]
    public void A_payload_cut_short_is_refused() =>
        Assert.False(ProtectedPayload.LooksValid(_protector.Protect("x")[..20]));

    [Fact]
    public void A_payload_with_a_character_outside_base64url_is_refused()
    {
        var payload = _protector.Protect("x");
        Assert.False(ProtectedPayload.LooksValid(payload[..^1] + "+"));
    }
}
