using System.Net;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Moderation;

public sealed class BanRuleTests
{
    private static ActiveBan Ban(BanKind kind, string value, bool shadow = false, int id = 1) => new(id, kind, value, "Trolling", shadow, null);

    [Fact]
    public void An_email_ban_matches_that_email_whatever_its_case() =>
        Assert.NotNull(BanRule.Find([Ban(BanKind.Email, "troll@example.test")], "Anyone", "Troll@Example.TEST", "hash", null));

    [Fact]
    public void An_email_ban_does_not_match_a_comment_without_email() =>
        Assert.Null(BanRule.Find([Ban(BanKind.Email, "troll@example.test")], "troll@example.test", null, "hash", null));

    [Fact]
    public void A_name_ban_matches_the_whole_name_only()
    {
        ActiveBan[] bans = [Ban(BanKind.Name, "Troll")];

        Assert.NotNull(BanRule.Find(bans, "TROLL", null, "hash", null));
        Assert.Null(BanRule.Find(bans, "Trolley", null, "hash", null));
    }

    [Fact]
    public void An_address_ban_matches_the_client_hash() =>
        Assert.NotNull(BanRule.Find([Ban(BanKind.Address, "0123456789abcdef0123456789abcdef")], "Anyone", null, "0123456789abcdef0123456789abcdef", null));

    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.200", true)]
    [InlineData("203.0.113.0/24", "203.0.114.1", false)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.9", true)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "203.0.113.1", false)]
    public void A_network_ban_matches_the_live_addresses_inside_it(string network, string address, bool matches) =>
        Assert.Equal(matches, BanRule.Find([Ban(BanKind.Network, network)], "Anyone", null, "hash", IPAddress.Parse(address)) is not null);

    [Fact]
    public void A_refusing_ban_wins_over_a_shadow_ban()
    {
        var found = BanRule.Find([Ban(BanKind.Name, "Troll", shadow: true, id: 1), Ban(BanKind.Email, "t@example.test", id: 2)], "Troll", "t@example.test", "hash", null);

        Assert.Equal(2, found!.Id);
    }

    [Fact]
    public async Task The_moderation_service_refuses_a_banned_author_and_stores_nothing()
    {
        var kit = new ModerationTestKit();
        kit.History.Bans.Add(new ActiveBan(1, BanKind.Email, "troll@example.test", "Trolling", false, ModerationTestKit.Now.UtcDateTime.AddDays(1)));

        var result = await kit.ModerateAsync(email: "troll@example.test");

        Assert.Equal(ModerationTestKit.Now.UtcDateTime.AddDays(1), Assert.IsType<ModerationResult.Banned>(result).UntilUtc);
    }

    [Fact]
    public async Task The_moderation_service_keeps_a_shadow_banned_comment_as_spam_with_the_ban_reason()
    {
        var kit = new ModerationTestKit();
        kit.History.Bans.Add(Ban(BanKind.Name, "Reader", shadow: true));

        var comment = await kit.AcceptedAsync();

        Assert.Equal((CommentStatus.Spam, true), (comment.Verdict, comment.Shadowed));
        Assert.Equal(["banned: Trolling"], comment.Reasons);
    }

    [Fact]
    public async Task Bans_do_not_apply_to_staff_replies()
    {
        var kit = new ModerationTestKit();
        kit.History.Bans.Add(Ban(BanKind.Name, "Reader"));

        Assert.IsType<ModerationResult.Accepted>(await kit.ModerateAsync(origin: CommentOrigin.Staff));
    }
}
