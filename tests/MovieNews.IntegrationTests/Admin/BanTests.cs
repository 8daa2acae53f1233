using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Admin;

/// <summary>Editors ban commenters by email, name, address or network, for a while or for good, openly or in shadow mode.</summary>
public sealed class BanTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private async Task<string> ArticleAsync(string slug)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        return $"/articles/{slug}";
    }

    private static async Task<HttpResponseMessage> BanAsync(
        HttpClient admin, string kind, string? value, string reason = "Trolling", string? days = null, bool shadow = false, bool removePast = false, string url = "/admin/bans/new")
    {
        var changes = new Dictionary<string, string?>
        {
            ["Input.Kind"] = kind,
            ["Input.Reason"] = reason,
            ["Input.Days"] = days,
            ["Input.Shadow"] = shadow ? "true" : null,
            ["Input.RemovePast"] = removePast ? "true" : null,
        };
        if (value is not null)
        {
            changes["Input.Value"] = value;
        }

        return await admin.SubmitAsync(url, "form.ban-form", changes);
    }

    private async Task<List<(string Action, string Subject)>> AuditAsync(string prefix)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().AuditEntries.AsNoTracking().ToListAsync();
        return entries.Where(e => e.Action.StartsWith(prefix, StringComparison.Ordinal)).Select(e => (e.Action, e.Subject)).ToList();
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string body)
    {
        var page = await HtmlClient.ParseAsync(response);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("comments from you are not accepted", page.QuerySelector("#form-message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(body, page.QuerySelector("#Input_Body")!.TextContent);
    }

    [Fact]
    public async Task A_ban_by_email_refuses_the_author_with_a_clear_message_and_the_words_kept()
    {
        var article = await ArticleAsync("ban-email");
        var admin = await factory.SignedInAdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await BanAsync(admin, "Email", "Troll@Example.test", "Email troll")).StatusCode);

        var refused = await factory.CreateBrowserClient("198.18.1.1").PostCommentAsync(article, Comment("Let me in.", name: "Anyone", email: "troll@example.TEST"));

        await AssertRefusedAsync(refused, "Let me in.");
        Assert.Empty(await factory.CommentsOnAsync("ban-email"));
        var other = await factory.CreateBrowserClient("198.18.1.1").PostCommentAsync(article, Comment("Someone else.", name: "Anyone", email: "fine@example.test"));
        Assert.Equal(HttpStatusCode.SeeOther, other.StatusCode);
    }

    [Fact]
    public async Task A_ban_by_name_refuses_that_name_whatever_its_case()
    {
        var article = await ArticleAsync("ban-name");
        var admin = await factory.SignedInAdminAsync();
        await BanAsync(admin, "Name", "Name Troll");

        var refused = await factory.CreateBrowserClient("198.18.2.1").PostCommentAsync(article, Comment("By name.", name: "name TROLL"));

        await AssertRefusedAsync(refused, "By name.");
    }

    [Fact]
    public async Task A_ban_by_address_made_from_the_queue_refuses_that_client_only()
    {
        var article = await ArticleAsync("ban-address");
        var posted = await factory.CreateBrowserClient("198.18.3.1").PostCommentAsync(article, Comment("First words.", name: "Address Troll"));
        var id = CommentQueries.CommentId(posted.Headers.Location!.OriginalString);
        var admin = await factory.SignedInAdminAsync();
        var queue = await admin.GetOkPageAsync("/admin/comments?status=approved");
        var banLink = queue.QuerySelector($"#queue-{id} a[href^='/admin/bans/new']")!.GetAttribute("href")!;

        var form = await admin.GetOkPageAsync(banLink);
        Assert.NotNull(form.QuerySelector("#kind-address[checked]"));
        var made = await admin.SubmitAsync(form, "form.ban-form", new Dictionary<string, string?> { ["Input.Reason"] = "From the queue" });

        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        await AssertRefusedAsync(await factory.CreateBrowserClient("198.18.3.1").PostCommentAsync(article, Comment("Again.", name: "New Name")), "Again.");
        Assert.Equal(HttpStatusCode.SeeOther, (await factory.CreateBrowserClient("198.18.3.2").PostCommentAsync(article, Comment("Next door."))).StatusCode);
    }

    [Fact]
    public async Task A_ban_by_typed_address_stores_only_its_hash()
    {
        var article = await ArticleAsync("ban-typed-address");
        var admin = await factory.SignedInAdminAsync();
        await BanAsync(admin, "Address", "198.18.4.1");

        await AssertRefusedAsync(await factory.CreateBrowserClient("198.18.4.1").PostCommentAsync(article, Comment("Typed.")), "Typed.");
        await using var scope = factory.Services.CreateAsyncScope();
        var values = await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Bans.Select(b => b.Value).ToListAsync();
        Assert.DoesNotContain(values, v => v.Contains("198.18.4.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ban_by_network_refuses_addresses_inside_it_and_no_others()
    {
        var article = await ArticleAsync("ban-network");
        var admin = await factory.SignedInAdminAsync();
        await BanAsync(admin, "Network", "100.64.10.0/24");

        await AssertRefusedAsync(await factory.CreateBrowserClient("100.64.10.77").PostCommentAsync(article, Comment("Inside.")), "Inside.");
        Assert.Equal(HttpStatusCode.SeeOther, (await factory.CreateBrowserClient("100.64.11.77").PostCommentAsync(article, Comment("Outside."))).StatusCode);
    }

    [Fact]
    public async Task A_ban_with_an_expiry_stops_applying_when_it_expires()
    {
        var article = await ArticleAsync("ban-expiry");
        var admin = await factory.SignedInAdminAsync();
        await BanAsync(admin, "Email", "brief@example.test", days: "1");
        var author = factory.CreateBrowserClient("198.18.5.1");
        var refused = await author.PostCommentAsync(article, Comment("Too early.", email: "brief@example.test"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("until", (await HtmlClient.ParseAsync(refused)).QuerySelector("#form-message")!.TextContent, StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromDays(1.5));
        var later = await author.PostCommentAsync(article, Comment("After the ban.", email: "brief@example.test"));

        Assert.Equal(HttpStatusCode.SeeOther, later.StatusCode);
        Assert.NotNull((await (await factory.SignedInAdminAsync()).GetOkPageAsync("/admin/bans")).QuerySelector(".bans-expired"));
    }

    [Fact]
    public async Task Expiring_a_ban_now_lifts_it_and_deleting_it_removes_it_both_audited()
    {
        var article = await ArticleAsync("ban-lift");
        var admin = await factory.SignedInAdminAsync();
        await BanAsync(admin, "Email", "lifted@example.test", reason: "Lift me");
        var list = await admin.GetOkPageAsync("/admin/bans");
        var row = list.QuerySelectorAll(".bans-active tr[id^='ban-']").Single(r => r.TextContent.Contains("Lift me", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(list, $"#{row.Id} form", null, "button[formaction$='Expire']")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await factory.CreateBrowserClient("198.18.6.1").PostCommentAsync(article, Comment("Free again.", email: "lifted@example.test"))).StatusCode);
        var expired = await admin.GetOkPageAsync("/admin/bans");
        Assert.NotNull(expired.QuerySelector($".bans-expired #{row.Id}"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(expired, $"#{row.Id} form", null, "button[formaction$='Delete']")).StatusCode);

        Assert.Null((await admin.GetOkPageAsync("/admin/bans")).QuerySelector($"#{row.Id}"));
        var audit = await AuditAsync("ban.");
        Assert.Contains(("ban.create", $"Ban #{row.Id![4..]} by email: Lift me"), audit);
        Assert.Contains(("ban.expire", $"Ban #{row.Id![4..]} by email: Lift me"), audit);
        Assert.Contains(("ban.delete", $"Ban #{row.Id![4..]} by email: Lift me"), audit);
    }

    [Fact]
    public async Task In_shadow_mode_the_author_sees_their_comment_and_no_one_else_does()
    {
        var article = await ArticleAsync("ban-shadow");
        var admin = await factory.SignedInAdminAsync();
        await BanAsync(admin, "Email", "shadow@example.test", reason: "Shadowed troll", shadow: true);
        var author = factory.CreateBrowserClient("198.18.7.1");

        var posted = await author.PostCommentAsync(article, Comment("Can anyone hear me?", name: "Shade", email: "shadow@example.test"));
        var id = CommentQueries.CommentId(posted.Headers.Location!.OriginalString);
        var (_, own, _) = await author.FollowAsync(posted);
        var others = await factory.CreateBrowserClient("198.18.7.2").GetOkPageAsync(article);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Contains("Can anyone hear me?", own.QuerySelector($"#comment-{id}")!.TextContent, StringComparison.Ordinal);
        Assert.Null(own.QuerySelector($"#comment-{id} .pending-notice"));
        Assert.Null(others.QuerySelector($"#comment-{id}"));
        Assert.Null((await factory.CreateClient().GetOkPageAsync(article)).QuerySelector($"#comment-{id}"));
        var stored = Assert.Single(await factory.CommentsOnAsync("ban-shadow"));
        Assert.Equal(CommentStatus.Spam, stored.Status);
        Assert.Equal(["banned: Shadowed troll"], stored.ModerationReasons);
    }

    [Fact]
    public async Task Removing_past_comments_marks_them_spam_and_they_can_be_restored()
    {
        var article = await ArticleAsync("ban-remove");
        var author = factory.CreateBrowserClient("198.18.8.1");
        var first = CommentQueries.CommentId((await author.PostCommentAsync(article, Comment("Old one.", name: "Remover", email: "remove@example.test"))).Headers.Location!.OriginalString);
        await author.PostCommentAsync(article, Comment("Old two.", name: "Remover", email: "remove@example.test"));
        var bystander = CommentQueries.CommentId((await factory.CreateBrowserClient("198.18.8.2").PostCommentAsync(article, Comment("Unrelated."))).Headers.Location!.OriginalString);
        var admin = await factory.SignedInAdminAsync();

        await BanAsync(admin, "Email", "remove@example.test", removePast: true);

        var comments = await factory.CommentsOnAsync("ban-remove");
        Assert.All(comments.Where(c => c.Id != bystander), c => Assert.Equal(CommentStatus.Spam, c.Status));
        Assert.Equal(CommentStatus.Approved, comments.Single(c => c.Id == bystander).Status);
        Assert.Null((await factory.CreateClient().GetOkPageAsync(article)).QuerySelector($"#comment-{first}"));
        var spam = await admin.GetOkPageAsync("/admin/comments?status=spam");
        await admin.SubmitAsync(spam, $"main form:has(#queue-{first})", null, $"button[value='Restore:{first}']");
        Assert.Equal(CommentStatus.Approved, (await factory.CommentsOnAsync("ban-remove")).Single(c => c.Id == first).Status);
        Assert.NotNull((await factory.CreateClient().GetOkPageAsync(article)).QuerySelector($"#comment-{first}"));
    }

    [Fact]
    public async Task A_hostile_ban_reason_is_shown_encoded_on_the_bans_page_and_in_the_queue()
    {
        var article = await ArticleAsync("ban-hostile");
        var admin = await factory.SignedInAdminAsync();
        const string hostile = "<script>alert('ban')</script><img src=x onerror=alert(1)>";
        await BanAsync(admin, "Email", "hostile@example.test", reason: hostile, shadow: true);
        var posted = await factory.CreateBrowserClient("198.18.9.1").PostCommentAsync(article, Comment("Shadowed words.", email: "hostile@example.test"));
        var id = CommentQueries.CommentId(posted.Headers.Location!.OriginalString);

        var bans = await admin.GetOkPageAsync("/admin/bans");
        var queue = await admin.GetOkPageAsync("/admin/comments?status=spam");

        Assert.Contains(bans.QuerySelectorAll(".ban-reason"), r => r.TextContent == hostile);
        Assert.Empty(bans.QuerySelectorAll(".ban-reason script, .ban-reason img"));
        Assert.Equal($"banned: {hostile}", queue.QuerySelector($"#queue-{id} .reasons li")!.TextContent);
        Assert.Empty(queue.QuerySelectorAll(".reasons script, .reasons img"));
    }

    [Fact]
    public async Task A_ban_form_with_a_bad_network_is_shown_again_with_what_was_typed()
    {
        var admin = await factory.SignedInAdminAsync();

        var refused = await BanAsync(admin, "Network", "10.0.0.0/99", reason: "Kept reason");
        var page = await HtmlClient.ParseAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("10.0.0.0/99", page.QuerySelector("#Input_Value")!.GetAttribute("value"));
        Assert.Equal("Kept reason", page.QuerySelector("#Input_Reason")!.GetAttribute("value"));
        Assert.Contains("CIDR", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
    }
}
