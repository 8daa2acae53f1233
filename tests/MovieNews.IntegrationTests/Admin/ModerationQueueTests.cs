using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Admin;

public sealed class ModerationQueueTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private async Task<(string Url, int[] Ids)> HeldCommentsAsync(string slug, int count)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            // Two links hold a comment for moderation.
            var response = await factory.CreateBrowserClient($"198.18.0.{i + 1}")
                .PostCommentAsync($"/articles/{slug}", Comment($"Held {i} on {slug}: https://a.example https://b.example", name: $"Holder {i}"));
            ids[i] = CommentQueries.CommentId(response.Headers.Location!.OriginalString);
        }

        return ($"/articles/{slug}", ids);
    }

    private static async Task<HttpResponseMessage> SubmitFromQueueAsync(HttpClient client, string queue, string action, int id)
    {
        var page = await client.GetOkPageAsync(queue);
        return await client.SubmitAsync(page, $"main form:has(#queue-{id})", null, $"button[value='{action}:{id}']");
    }

    private async Task<CommentStatus?> StatusOfAsync(int id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Comments.Where(c => c.Id == id).Select(c => (CommentStatus?)c.Status).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task The_queue_shows_each_held_comment_with_its_details_and_reasons()
    {
        var (_, ids) = await HeldCommentsAsync("queue-details", 1);
        var admin = await factory.SignedInAdminAsync();

        var queue = await admin.GetOkPageAsync("/admin/comments?status=pending");
        var row = queue.QuerySelector($"#queue-{ids[0]}")!;

        Assert.Contains("Test article queue-details", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Holder 0", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 links", row.QuerySelector(".reasons")!.TextContent, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{8}$", row.QuerySelector(".queue-meta code")!.TextContent);
        Assert.NotNull(row.QuerySelector(".comment-body a[rel='nofollow ugc noopener']"));
        Assert.Contains("Pending (", queue.QuerySelector(".tabs [aria-current=page]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_shows_the_comment_on_the_public_page_and_updates_the_count()
    {
        var (url, ids) = await HeldCommentsAsync("approve-one", 1);
        var admin = await factory.SignedInAdminAsync();
        Assert.Equal("No comments yet", (await factory.CreateBrowserClient("10.9.9.9").GetOkPageAsync(url)).QuerySelector("#comments-title")!.TextContent);

        var response = await SubmitFromQueueAsync(admin, "/admin/comments?status=pending", "Approve", ids[0]);
        var page = await factory.CreateBrowserClient("10.9.9.9").GetOkPageAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(page.QuerySelector($"#comment-{ids[0]}"));
        Assert.Equal("1 thought on “Test article approve-one”", page.QuerySelector("#comments-title")!.TextContent);
    }

    [Theory]
    [InlineData("Unapprove", CommentStatus.Pending)]
    [InlineData("Spam", CommentStatus.Spam)]
    [InlineData("Trash", CommentStatus.Trash)]
    public async Task Removing_an_approved_comment_hides_it_from_readers(string action, CommentStatus expected)
    {
        var (url, ids) = await HeldCommentsAsync($"remove-{action.ToLowerInvariant()}", 1);
        var admin = await factory.SignedInAdminAsync();
        await SubmitFromQueueAsync(admin, "/admin/comments?status=pending", "Approve", ids[0]);

        await SubmitFromQueueAsync(admin, "/admin/comments?status=approved", action, ids[0]);

        Assert.Equal(expected, await StatusOfAsync(ids[0]));
        var page = await factory.CreateBrowserClient("10.9.9.8").GetOkPageAsync(url);
        Assert.Null(page.QuerySelector($"#comment-{ids[0]}"));
        Assert.Equal("No comments yet", page.QuerySelector("#comments-title")!.TextContent);
    }

    [Fact]
    public async Task Restore_puts_a_trashed_comment_back_where_it_was()
    {
        var (_, ids) = await HeldCommentsAsync("restore-me", 1);
        var admin = await factory.SignedInAdminAsync();
        await SubmitFromQueueAsync(admin, "/admin/comments?status=pending", "Trash", ids[0]);

        await SubmitFromQueueAsync(admin, "/admin/comments?status=trash", "Restore", ids[0]);

        Assert.Equal(CommentStatus.Pending, await StatusOfAsync(ids[0]));
    }

    [Fact]
    public async Task Bulk_actions_apply_to_every_ticked_comment_only()
    {
        var (url, ids) = await HeldCommentsAsync("bulk-approve", 3);
        var admin = await factory.SignedInAdminAsync();
        var queue = await admin.GetOkPageAsync("/admin/comments?status=pending");
        var form = "main form:has(.bulk-bar)";
        var page = queue;
        var content = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", page.QuerySelector($"{form} input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("bulk", "Approve"),
            new("ids", ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("ids", ids[2].ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };

        var response = await admin.PostAsync("/admin/comments?status=pending", new FormUrlEncodedContent(content));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([CommentStatus.Approved, CommentStatus.Pending, CommentStatus.Approved], [await StatusOfAsync(ids[0]), await StatusOfAsync(ids[1]), await StatusOfAsync(ids[2])]);
        Assert.Equal("2 thoughts on “Test article bulk-approve”", (await factory.CreateBrowserClient("10.9.9.7").GetOkPageAsync(url)).QuerySelector("#comments-title")!.TextContent);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("1")]
    [InlineData("Approve,Spam")]
    public async Task An_action_that_is_not_one_of_the_buttons_changes_nothing_and_records_nothing(string action)
    {
        var (_, ids) = await HeldCommentsAsync($"odd-action-{action.Length}", 1);
        var admin = await factory.SignedInAdminAsync();
        var queue = await admin.GetOkPageAsync("/admin/comments?status=pending");

        await admin.SubmitAsync(queue, $"main form:has(#queue-{ids[0]})", new Dictionary<string, string?> { ["act"] = $"{action}:{ids[0]}" });
        var audit = await admin.GetStringAsync("/admin/audit");

        Assert.Equal(CommentStatus.Pending, await StatusOfAsync(ids[0]));
        Assert.DoesNotContain($"comment.{action.ToLowerInvariant()}", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_permanently_asks_for_confirmation_first()
    {
        var (_, ids) = await HeldCommentsAsync("delete-me", 1);
        var admin = await factory.SignedInAdminAsync();
        await SubmitFromQueueAsync(admin, "/admin/comments?status=pending", "Spam", ids[0]);

        var ask = await SubmitFromQueueAsync(admin, "/admin/comments?status=spam", "Delete", ids[0]);
        var confirmation = await HtmlClient.ParseAsync(ask);
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Equal(CommentStatus.Spam, await StatusOfAsync(ids[0]));

        await admin.SubmitAsync(confirmation, ".confirm form", null, "button.danger");

        Assert.Null(await StatusOfAsync(ids[0]));
    }

    [Fact]
    public async Task Approve_and_trust_lets_the_authors_next_comment_skip_the_first_comment_hold()
    {
        await factory.CreateArticleAsync("trust-me", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var admin = await factory.SignedInAdminAsync();
        await admin.SubmitAsync("/admin/settings", "#moderation-form", new Dictionary<string, string?> { ["Input.HoldFirstComment"] = "true" });
        var reader = factory.CreateBrowserClient("198.18.1.1");
        var first = CommentQueries.CommentId((await reader.PostCommentAsync("/articles/trust-me", Comment("My first words", name: "Newcomer", email: "new@example.com"))).Headers.Location!.OriginalString);
        Assert.Equal(CommentStatus.Pending, await StatusOfAsync(first));

        await SubmitFromQueueAsync(admin, "/admin/comments?status=pending", "ApproveAndTrust", first);
        var second = CommentQueries.CommentId((await factory.CreateBrowserClient("198.18.1.2").PostCommentAsync("/articles/trust-me", Comment("Back again", name: "Newcomer", email: "NEW@example.com"))).Headers.Location!.OriginalString);

        Assert.Equal(CommentStatus.Approved, await StatusOfAsync(first));
        Assert.Equal(CommentStatus.Approved, await StatusOfAsync(second));
        await admin.SubmitAsync("/admin/settings", "#moderation-form", new Dictionary<string, string?> { ["Input.HoldFirstComment"] = null });
    }

    [Fact]
    public async Task Editing_a_comment_re_renders_and_re_sanitizes_it()
    {
        var (url, ids) = await HeldCommentsAsync("edit-comment", 1);
        var admin = await factory.SignedInAdminAsync();
        await SubmitFromQueueAsync(admin, "/admin/comments?status=pending", "Approve", ids[0]);

        await admin.SubmitAsync($"/admin/comments/{ids[0]}", "form[action*=Edit]", new Dictionary<string, string?> { ["Body"] = "Edited **text** <script>alert(1)</script>" });

        var body = (await factory.CreateBrowserClient("10.9.9.6").GetOkPageAsync(url)).QuerySelector($"#comment-{ids[0]} .comment-body")!;
        Assert.Equal("text", body.QuerySelector("strong")!.TextContent);
        Assert.Null(body.QuerySelector("script"));
        Assert.Contains("<script>", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_reply_from_the_queue_is_published_and_marked()
    {
        var (url, ids) = await HeldCommentsAsync("staff-reply", 1);
        var admin = await factory.SignedInAdminAsync();
        await SubmitFromQueueAsync(admin, "/admin/comments?status=pending", "Approve", ids[0]);

        var response = await admin.SubmitAsync($"/admin/comments/{ids[0]}", "form[action*=Reply]", new Dictionary<string, string?> { ["Reply"] = "Thanks for reading! https://a.example https://b.example" });
        var page = await factory.CreateBrowserClient("10.9.9.5").GetOkPageAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reply = page.QuerySelector($"#comment-{ids[0]} ~ details article.comment-staff")!;
        Assert.Equal("Staff", reply.QuerySelector(".badge")!.TextContent);
        Assert.Contains("Thanks for reading!", reply.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pending_count_shows_in_the_admin_navigation()
    {
        var admin = await factory.SignedInAdminAsync();
        var before = int.Parse((await admin.GetOkPageAsync("/admin")).QuerySelector(".admin-nav .badge")!.FirstChild!.TextContent, System.Globalization.CultureInfo.InvariantCulture);

        await HeldCommentsAsync("nav-count", 2);

        var after = await admin.GetOkPageAsync("/admin");
        Assert.Equal(before + 2, int.Parse(after.QuerySelector(".admin-nav .badge")!.FirstChild!.TextContent, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains($"{before + 2} pending comments", after.QuerySelector(".stats")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/comments?status=bogus", HttpStatusCode.BadRequest)]
    [InlineData("/admin/comments?status=4", HttpStatusCode.BadRequest)]
    [InlineData("/admin/comments?page=abc", HttpStatusCode.BadRequest)]
    [InlineData("/admin/comments?page=999", HttpStatusCode.NotFound)]
    [InlineData("/admin/comments/999999", HttpStatusCode.NotFound)]
    public async Task Bad_queue_addresses_answer_4xx(string url, HttpStatusCode expected)
    {
        var admin = await factory.SignedInAdminAsync();

        Assert.Equal(expected, (await admin.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Hostile_comments_are_inert_in_the_admin_queue()
    {
        await factory.CreateArticleAsync("hostile-queue", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var admin = await factory.SignedInAdminAsync();
        await admin.SubmitAsync("/admin/settings", "#moderation-form", new Dictionary<string, string?> { ["Input.HoldAll"] = "true" });
        var attacker = factory.CreateBrowserClient("198.18.2.1");
        var form = await attacker.GetOkPageAsync("/articles/hostile-queue");
        foreach (var payload in Inert.Payloads)
        {
            var name = payload.Length > 100 ? payload[..100] : payload;
            await attacker.SubmitCommentFormAsync(form, Comment(payload + " #q", name: name, email: "x@example.com", website: "https://example.com/"));
        }

        await admin.SubmitAsync("/admin/settings", "#moderation-form", new Dictionary<string, string?> { ["Input.HoldAll"] = null });
        for (var page = 1; page <= 6; page++)
        {
            var (response, queue) = await admin.GetPageAsync($"/admin/comments?status=pending&page={page}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                break;
            }

            Inert.AssertNoScript(queue, $"admin queue page {page}");
        }
    }
}
