using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using static MovieNews.IntegrationTests.Support.MailJourney;

namespace MovieNews.IntegrationTests.Mail;

/// <summary>Reply notices from the comment form to the inbox, read from a real SMTP server.</summary>
public sealed class ReplyNoticeTests(MailFactory factory) : IClassFixture<MailFactory>
{
    private static readonly DateTime _published = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>An article, and a reader on it who asked for replies and confirmed: their comment's id.</summary>
    private async Task<int> ConfirmedSubscriberAsync(string slug, string email, string address = "198.51.100.1")
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, _published);
        var reader = factory.CreateBrowserClient(address);
        var id = await reader.CommentAsync(slug, $"What a film, says {email}.", "Alice Asker", email, notifyReplies: true);
        var confirmation = Assert.Single(await factory.Sink.WaitForAsync(email));
        await factory.CreateBrowserClient(address).ConfirmAsync(confirmation);
        return id;
    }

    [Fact]
    public async Task A_confirmed_reader_is_mailed_each_reply_until_a_one_click_unsubscribe()
    {
        var first = await ConfirmedSubscriberAsync("mail-journey", "alice@example.com");

        var reply = await factory.CreateBrowserClient("198.51.100.2").CommentAsync("mail-journey", "Not so fast.", "Bob Replier", "bob@example.com", parentId: first);
        var notice = (await factory.Sink.WaitForAsync("alice@example.com", count: 2))[1];
        var unsubscribed = await factory.OneClickUnsubscribeAsync(notice);
        await factory.CreateBrowserClient("198.51.100.3").CommentAsync("mail-journey", "A third view.", "Carol", "carol@example.com", parentId: first);
        await factory.OutboxDrainedAsync();

        Assert.Contains("Test article mail-journey", notice.Subject, StringComparison.Ordinal);
        Assert.Contains($"{MailFactory.PublicUrl}/articles/mail-journey/comments/{reply}", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.Equal(2, factory.Sink.To("alice@example.com").Count);
    }

    [Fact]
    public async Task A_reply_notice_has_text_and_html_parts_with_the_reply_as_plain_text_and_no_other_address()
    {
        var first = await ConfirmedSubscriberAsync("mail-content", "dora@example.com");

        var reply = await factory.CreateBrowserClient("198.51.100.2").CommentAsync("mail-content", "I <b>disagree</b> & so on.", "Bob Replier", "bob.secret@example.com", parentId: first);
        var notice = (await factory.Sink.WaitForAsync("dora@example.com", count: 2))[1];

        var permalink = $"{MailFactory.PublicUrl}/articles/mail-content/comments/{reply}";
        Assert.Contains("I <b>disagree</b> & so on.", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("I &lt;b&gt;disagree&lt;/b&gt; &amp; so on.", notice.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{permalink}\"", notice.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("bob.secret", notice.TextBody + notice.HtmlBody + notice.Headers, StringComparison.Ordinal);
        Assert.Equal("news@movienews.test", Assert.Single(notice.From.Mailboxes).Address);
        Assert.False(string.IsNullOrEmpty(notice.MessageId));
    }

    [Fact]
    public async Task Every_notice_carries_rfc_8058_one_click_headers_to_an_address_of_the_site()
    {
        var first = await ConfirmedSubscriberAsync("mail-headers", "erin@example.com");

        await factory.CreateBrowserClient("198.51.100.2").CommentAsync("mail-headers", "A reply.", "Bob", null, parentId: first);
        var messages = await factory.Sink.WaitForAsync("erin@example.com", count: 2);

        Assert.All(messages, m =>
        {
            Assert.StartsWith($"{MailFactory.PublicUrl}/mail/unsubscribe?token=", ListUnsubscribe(m), StringComparison.Ordinal);
            Assert.Equal("List-Unsubscribe=One-Click", m.Headers["List-Unsubscribe-Post"]);
        });
    }

    [Fact]
    public async Task Replies_are_not_mailed_before_the_address_is_confirmed()
    {
        await factory.CreateArticleAsync("mail-unconfirmed", ArticleStatus.Published, _published);
        var first = await factory.CreateBrowserClient("198.51.100.4").CommentAsync("mail-unconfirmed", "Tell me.", "Frank", "frank@example.com", notifyReplies: true);
        await factory.Sink.WaitForAsync("frank@example.com");

        await factory.CreateBrowserClient("198.51.100.5").CommentAsync("mail-unconfirmed", "A reply.", "Bob", null, parentId: first);
        await factory.OutboxDrainedAsync();

        Assert.Contains("Confirm", Assert.Single(factory.Sink.To("frank@example.com")).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsubscribe_link_stops_exactly_the_address_and_conversation_it_was_sent_for()
    {
        var first = await ConfirmedSubscriberAsync("mail-exact", "gina@example.com");
        await factory.CreateBrowserClient("198.51.100.6").CommentAsync("mail-exact", "Me too.", "Hugo", "hugo@example.com", notifyReplies: true, parentId: first);
        await factory.CreateBrowserClient("198.51.100.6").ConfirmAsync(Assert.Single(await factory.Sink.WaitForAsync("hugo@example.com")));

        await factory.CreateBrowserClient("198.51.100.7").CommentAsync("mail-exact", "Reply one.", "Ivy", null, parentId: first);
        var hugosNotice = (await factory.Sink.WaitForAsync("hugo@example.com", count: 2))[1];
        await factory.Sink.WaitForAsync("gina@example.com", count: 2);
        await factory.OneClickUnsubscribeAsync(hugosNotice);
        await factory.CreateBrowserClient("198.51.100.8").CommentAsync("mail-exact", "Reply two.", "Jack", null, parentId: first);
        await factory.OutboxDrainedAsync();

        Assert.Equal(2, factory.Sink.To("hugo@example.com").Count);
        // Gina: her confirmation, then Hugo's comment, reply one and reply two.
        Assert.Equal(4, factory.Sink.To("gina@example.com").Count);
    }

    [Fact]
    public async Task Opening_an_unsubscribe_link_in_a_browser_shows_a_button_and_unsubscribes_nobody()
    {
        var first = await ConfirmedSubscriberAsync("mail-get", "kim@example.com");
        var confirmation = factory.Sink.To("kim@example.com")[0];

        var page = await factory.CreateBrowserClient().GetOkPageAsync(PathOf(ListUnsubscribe(confirmation)));
        await factory.CreateBrowserClient("198.51.100.9").CommentAsync("mail-get", "Still here?", "Lee", null, parentId: first);

        Assert.NotNull(page.QuerySelector("form.mail-unsubscribe button"));
        await factory.Sink.WaitForAsync("kim@example.com", count: 2);
    }

    [Fact]
    public async Task The_unsubscribe_button_in_a_browser_unsubscribes()
    {
        var first = await ConfirmedSubscriberAsync("mail-button", "lou@example.com");
        var browser = factory.CreateBrowserClient();
        var page = await browser.GetOkPageAsync(PathOf(ListUnsubscribe(factory.Sink.To("lou@example.com")[0])));

        var response = await browser.SubmitAsync(page, "form.mail-unsubscribe");
        await factory.CreateBrowserClient("198.51.100.9").CommentAsync("mail-button", "Anyone?", "Lee", null, parentId: first);
        await factory.OutboxDrainedAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(factory.Sink.To("lou@example.com"));
    }

    [Theory]
    [InlineData("/mail/confirm?token=not-a-token")]
    [InlineData("/mail/confirm")]
    [InlineData("/mail/unsubscribe?token=not-a-token")]
    public async Task A_forged_link_is_refused_with_a_400_page(string url)
    {
        var (response, page) = await factory.CreateBrowserClient().GetPageAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#mail-problem"));
    }

    [Fact]
    public async Task An_altered_confirmation_link_is_refused()
    {
        await factory.CreateArticleAsync("mail-altered", ArticleStatus.Published, _published);
        await factory.CreateBrowserClient().CommentAsync("mail-altered", "Tell me.", "Max", "max@example.com", notifyReplies: true);
        var link = LinkIn(Assert.Single(await factory.Sink.WaitForAsync("max@example.com")), MailFactory.PublicUrl + "/mail/confirm");
        var token = Uri.UnescapeDataString(link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var altered = token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..];

        var (response, _) = await factory.CreateBrowserClient().GetPageAsync("/mail/confirm?token=" + Uri.EscapeDataString(altered));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_held_comments_author_who_asked_is_mailed_when_an_editor_approves_it()
    {
        await factory.CreateArticleAsync("mail-approval", ArticleStatus.Published, _published);
        // Two links hold a comment for moderation (docs/moderation.md).
        var held = await factory.CreateBrowserClient("198.51.100.10").CommentAsync(
            "mail-approval", "See https://a.example and https://b.example", "Nell", "nell@example.com", notifyApproval: true);
        var admin = await factory.SignedInAdminAsync();

        var queue = await admin.GetOkPageAsync("/admin/comments?status=pending");
        await admin.SubmitAsync(queue, $"main form:has(#queue-{held})", null, $"button[value='Approve:{held}']");
        var notice = Assert.Single(await factory.Sink.WaitForAsync("nell@example.com"));

        Assert.Contains("published", notice.Subject, StringComparison.Ordinal);
        Assert.Contains($"{MailFactory.PublicUrl}/articles/mail-approval/comments/{held}", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{MailFactory.PublicUrl}/articles/mail-approval/comments/{held}", notice.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", notice.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task Asking_for_a_notice_without_an_email_reshows_the_form_with_what_was_typed()
    {
        await factory.CreateArticleAsync("mail-no-address", ArticleStatus.Published, _published);
        var fields = CommentForms.Comment("Keep this text.", "Olga");
        fields["NotifyReplies"] = "true";

        var response = await factory.CreateBrowserClient().PostCommentAsync("/articles/mail-no-address", fields);
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#Input_Email-error"));
        Assert.Equal("Keep this text.", page.QuerySelector("#Input_Body")!.TextContent);
        Assert.NotNull(page.QuerySelector("#Input_NotifyReplies[checked]"));
    }

    [Fact]
    public async Task An_expired_confirmation_link_is_refused()
    {
        await factory.CreateArticleAsync("mail-expired", ArticleStatus.Published, _published);
        await factory.CreateBrowserClient().CommentAsync("mail-expired", "Tell me later.", "Pia", "pia@example.com", notifyReplies: true);
        var link = LinkIn(Assert.Single(await factory.Sink.WaitForAsync("pia@example.com")), MailFactory.PublicUrl + "/mail/confirm");

        factory.Clock.Advance(TimeSpan.FromHours(49));
        var (response, page) = await factory.CreateBrowserClient().GetPageAsync(PathOf(link));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expired", page.QuerySelector("#mail-problem")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_privacy_erasure_removes_the_addresses_subscriptions_and_mail()
    {
        await ConfirmedSubscriberAsync("mail-erase", "quinn@example.com");
        var admin = await factory.SignedInAdminAsync();
        var page = await admin.GetOkPageAsync("/admin/privacy?Email=quinn@example.com");
        var export = await (await admin.SubmitAsync(page, "form.queue-actions", null, "button[formaction*=Export]")).Content.ReadAsStringAsync();

        await admin.SubmitAsync(await admin.GetOkPageAsync("/admin/privacy?Email=quinn@example.com"), "form.queue-actions", null, "button[formaction*=Delete]");

        Assert.Contains("\"subscriptions\"", export, StringComparison.Ordinal);
        Assert.Contains("Replies", export, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        Assert.False(await db.CommentSubscriptions.AnyAsync(s => s.AddressKey == "quinn@example.com"));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.AddressKey == "quinn@example.com"));
    }

    [Fact]
    public async Task The_comment_form_offers_notifications_when_mail_is_on()
    {
        await factory.CreateArticleAsync("mail-form", ArticleStatus.Published, _published);

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/mail-form");

        Assert.NotNull(page.QuerySelector("form.comment-form input[name='Input.NotifyReplies']"));
        Assert.NotNull(page.QuerySelector("form.comment-form input[name='Input.NotifyApproval']"));
    }
}
