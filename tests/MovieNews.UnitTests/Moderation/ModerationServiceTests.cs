using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Moderation;

public sealed class ModerationServiceTests
{
    private readonly ModerationTestKit _kit = new();

    [Fact]
    public async Task A_plain_comment_is_approved_with_no_reasons()
    {
        var comment = await _kit.AcceptedAsync("Loved it.");

        Assert.Equal(CommentStatus.Approved, comment.Verdict);
        Assert.Empty(comment.Reasons);
        Assert.Equal("<p>Loved it.</p>\n", comment.BodyHtml.Value);
    }

    [Fact]
    public async Task Fields_are_normalised_before_they_are_stored()
    {
        var comment = await _kit.AcceptedAsync("  Ame\u0301lie\0 rocks \n", name: " \u202EJo\u200B ", email: " jo@example.com ");

        Assert.Equal("Jo", comment.Name);
        Assert.Equal("jo@example.com", comment.Email);
        Assert.Equal("Amélie rocks", comment.BodyMarkdown);
    }

    [Fact]
    public async Task An_invalid_comment_reports_every_field_and_stores_nothing()
    {
        var result = await _kit.ModerateAsync(body: "   ", name: "\u200B", website: "javascript:alert(1)");

        var invalid = Assert.IsType<ModerationResult.Invalid>(result);
        Assert.Equal(["Body", "Name", "Website"], invalid.Errors.Keys.Order());
    }

    [Fact]
    public async Task A_filled_honeypot_is_spam()
    {
        var comment = await _kit.AcceptedAsync(honeypot: "http://spam.example");

        Assert.Equal(CommentStatus.Spam, comment.Verdict);
        Assert.Equal([ModerationReasons.Honeypot], comment.Reasons);
    }

    [Fact]
    public async Task A_blocked_word_holds_the_comment_and_names_the_word()
    {
        var comment = await _kit.AcceptedAsync("For the critics: f u c k off.");

        Assert.Equal(CommentStatus.Pending, comment.Verdict);
        Assert.Equal(["Blocked words: fuck."], comment.Reasons);
    }

    [Fact]
    public async Task A_blocked_word_disguised_with_invisible_and_look_alike_characters_holds_the_comment()
    {
        var comment = await _kit.AcceptedAsync("For the critics: ƒ\u200Bս\u0336сĸ off.");

        Assert.Equal(CommentStatus.Pending, comment.Verdict);
        Assert.Equal(["Blocked words: fuck."], comment.Reasons);
    }

    [Fact]
    public async Task A_blocked_word_in_the_name_holds_the_comment()
    {
        var comment = await _kit.AcceptedAsync(name: "Best C4SIN0");

        Assert.Equal(CommentStatus.Pending, comment.Verdict);
    }

    [Fact]
    public async Task One_link_is_fine()
    {
        var comment = await _kit.AcceptedAsync("See https://example.com");

        Assert.Equal(CommentStatus.Approved, comment.Verdict);
    }

    [Fact]
    public async Task Two_links_hold_the_comment()
    {
        var comment = await _kit.AcceptedAsync("See https://example.com and [this](https://example.org)");

        Assert.Equal(CommentStatus.Pending, comment.Verdict);
        Assert.Equal([ModerationReasons.TooManyLinks(2, 2)], comment.Reasons);
    }

    [Fact]
    public async Task A_link_threshold_of_zero_turns_the_link_rule_off()
    {
        _kit.Options.LinkHoldThreshold = 0;

        var comment = await _kit.AcceptedAsync("https://a.example https://b.example https://c.example");

        Assert.Equal(CommentStatus.Approved, comment.Verdict);
    }

    [Fact]
    public async Task Several_rules_give_several_reasons()
    {
        _kit.Options.HoldAll = true;

        var comment = await _kit.AcceptedAsync("casino https://a.example https://b.example");

        Assert.Equal(3, comment.Reasons.Count);
    }

    [Fact]
    public async Task A_second_comment_within_the_flood_interval_is_refused_with_the_wait()
    {
        _kit.History.Posted.Add(("client-a", "earlier", ModerationTestKit.Now.UtcDateTime.AddSeconds(-5)));

        var result = await _kit.ModerateAsync("another one");

        Assert.Equal(TimeSpan.FromSeconds(10), Assert.IsType<ModerationResult.Flooded>(result).RetryAfter);
    }

    [Fact]
    public async Task A_comment_after_the_flood_interval_is_accepted()
    {
        _kit.History.Posted.Add(("client-a", "earlier", ModerationTestKit.Now.UtcDateTime.AddSeconds(-16)));

        Assert.IsType<ModerationResult.Accepted>(await _kit.ModerateAsync("another one"));
    }

    [Fact]
    public async Task Another_clients_comment_does_not_count_towards_flooding()
    {
        _kit.History.Posted.Add(("client-b", "earlier", ModerationTestKit.Now.UtcDateTime.AddSeconds(-1)));

        Assert.IsType<ModerationResult.Accepted>(await _kit.ModerateAsync("mine"));
    }

    [Fact]
    public async Task A_flood_interval_of_zero_turns_the_flood_rule_off()
    {
        _kit.Options.FloodIntervalSeconds = 0;
        _kit.History.Posted.Add(("client-a", "earlier", ModerationTestKit.Now.UtcDateTime));

        Assert.IsType<ModerationResult.Accepted>(await _kit.ModerateAsync("again"));
    }

    [Fact]
    public async Task The_same_body_from_the_same_client_within_the_window_is_a_duplicate()
    {
        _kit.History.Posted.Add(("client-a", "Loved it.", ModerationTestKit.Now.UtcDateTime.AddMinutes(-9)));

        Assert.IsType<ModerationResult.Duplicate>(await _kit.ModerateAsync("  Loved it.  "));
    }

    [Fact]
    public async Task The_same_body_after_the_window_is_not_a_duplicate()
    {
        _kit.History.Posted.Add(("client-a", "Loved it.", ModerationTestKit.Now.UtcDateTime.AddMinutes(-11)));

        Assert.IsType<ModerationResult.Accepted>(await _kit.ModerateAsync("Loved it."));
    }

    [Fact]
    public async Task Hold_first_comment_holds_an_unknown_author()
    {
        _kit.Options.HoldFirstComment = true;

        var comment = await _kit.AcceptedAsync(email: "new@example.com");

        Assert.Equal([ModerationReasons.FirstComment], comment.Reasons);
    }

    [Fact]
    public async Task Hold_first_comment_lets_an_author_with_an_approved_comment_through()
    {
        _kit.Options.HoldFirstComment = true;
        _kit.History.KnownAuthors.Add("known@example.com");

        var comment = await _kit.AcceptedAsync(email: "known@example.com");

        Assert.Equal(CommentStatus.Approved, comment.Verdict);
    }

    [Fact]
    public async Task Hold_all_holds_everything()
    {
        _kit.Options.HoldAll = true;

        var comment = await _kit.AcceptedAsync();

        Assert.Equal([ModerationReasons.HoldAll], comment.Reasons);
    }

    [Fact]
    public async Task A_reply_hangs_under_its_approved_parent_one_level_deeper()
    {
        _kit.History.ApprovedParents.Add(new ParentComment(7, 3, 2, 3));

        var comment = await _kit.AcceptedAsync(parentId: "7");

        Assert.Equal(new Placement(7, 3, 3), comment.Placement);
    }

    [Fact]
    public async Task A_reply_to_a_comment_at_the_maximum_depth_joins_that_comments_parent()
    {
        _kit.History.ApprovedParents.Add(new ParentComment(9, 8, 5, 3));

        var comment = await _kit.AcceptedAsync(parentId: "9");

        Assert.Equal(new Placement(8, 5, 3), comment.Placement);
    }

    [Fact]
    public async Task A_top_level_comment_has_no_parent()
    {
        var comment = await _kit.AcceptedAsync();

        Assert.Equal(new Placement(null, 1, null), comment.Placement);
    }

    [Fact]
    public async Task A_reply_to_a_comment_that_is_not_approved_or_elsewhere_is_invalid()
    {
        var result = await _kit.ModerateAsync(parentId: "42");

        Assert.Contains("ParentId", Assert.IsType<ModerationResult.Invalid>(result).Errors.Keys);
    }

    [Fact]
    public async Task The_website_is_stored_in_its_canonical_form()
    {
        var comment = await _kit.AcceptedAsync(website: "HTTPS://Example.com");

        Assert.Equal("https://example.com/", comment.Website);
    }

    [Fact]
    public async Task Raw_html_in_a_comment_is_shown_as_text()
    {
        var comment = await _kit.AcceptedAsync("BEST MOVIE EVER <3 <3 <b>bold</b>");

        Assert.Equal("<p>BEST MOVIE EVER &lt;3 &lt;3 &lt;b&gt;bold&lt;/b&gt;</p>\n", comment.BodyHtml.Value);
    }

    [Fact]
    public async Task Links_in_comments_get_nofollow_ugc_noopener()
    {
        var comment = await _kit.AcceptedAsync("[site](https://example.com)");

        Assert.Equal("<p><a href=\"https://example.com\" rel=\"nofollow ugc noopener\">site</a></p>\n", comment.BodyHtml.Value);
    }

    [Fact]
    public async Task Images_are_not_part_of_the_comment_dialect()
    {
        var comment = await _kit.AcceptedAsync("![poster](https://example.com/p.jpg)");

        Assert.DoesNotContain("<img", comment.BodyHtml.Value, StringComparison.Ordinal);
    }
}
