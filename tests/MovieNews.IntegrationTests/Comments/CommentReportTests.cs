using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Comments;

/// <summary>Readers report comments from a link under each one; three distinct readers (the default) hold it for an editor.</summary>
public sealed class CommentReportTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private async Task<int> ApprovedCommentAsync(string slug, string author = "Reported Author")
    {
        if (!await ArticleExistsAsync(slug))
        {
            await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        var response = await factory.CreateBrowserClient("192.0.2.200").PostCommentAsync($"/articles/{slug}", Comment($"A comment on {slug} someone will report.", name: author));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return CommentQueries.CommentId(response.Headers.Location!.OriginalString);
    }

    private async Task<bool> ArticleExistsAsync(string slug)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Articles.AnyAsync(a => a.Slug == slug);
    }

    private async Task<(CommentStatus Status, List<string> Reasons)> CommentAsync(int id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var comment = await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Comments.AsNoTracking().SingleAsync(c => c.Id == id);
        return (comment.Status, comment.ModerationReasons);
    }

    [Fact]
    public async Task Every_approved_comment_has_a_report_link_that_is_the_same_for_every_reader()
    {
        var id = await ApprovedCommentAsync("report-link");

        var page = await factory.CreateBrowserClient("192.0.2.1").GetOkPageAsync("/articles/report-link");

        Assert.Equal($"/articles/report-link/comments/{id}/report", page.QuerySelector($"#comment-{id} a.comment-report")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Reports_from_three_distinct_readers_hold_the_comment_and_take_it_off_the_cached_page()
    {
        var id = await ApprovedCommentAsync("report-hold");
        var anonymous = factory.CreateClient();
        Assert.NotNull((await anonymous.GetOkPageAsync("/articles/report-hold")).QuerySelector($"#comment-{id}"));

        for (var reader = 1; reader <= 2; reader++)
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await factory.CreateBrowserClient($"192.0.2.{reader}").ReportAsync("report-hold", id)).StatusCode);
        }

        Assert.Equal(CommentStatus.Approved, (await CommentAsync(id)).Status);
        var third = await factory.CreateBrowserClient("192.0.2.3").ReportAsync("report-hold", id, "Abuse");
        var (status, reasons) = await CommentAsync(id);

        Assert.Equal(HttpStatusCode.SeeOther, third.StatusCode);
        Assert.Equal(CommentStatus.Pending, status);
        Assert.Contains(reasons, r => r.StartsWith("Held automatically: reported by 3 readers", StringComparison.Ordinal));
        Assert.Null((await anonymous.GetOkPageAsync("/articles/report-hold")).QuerySelector($"#comment-{id}"));
    }

    [Fact]
    public async Task The_same_reader_reporting_twice_counts_once()
    {
        var id = await ApprovedCommentAsync("report-twice");
        var reader = factory.CreateBrowserClient("192.0.2.11");
        await reader.ReportAsync("report-twice", id);
        await factory.CreateBrowserClient("192.0.2.12").ReportAsync("report-twice", id);

        var again = await reader.ReportAsync("report-twice", id, "Abuse");
        var page = await HtmlClient.ParseAsync(again);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already reported", page.QuerySelector("#form-message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Approved, (await CommentAsync(id)).Status);
    }

    [Fact]
    public async Task A_reader_with_saved_details_counts_once_from_another_address()
    {
        var id = await ApprovedCommentAsync("report-saved");
        // Saving their details gives this reader the commenter cookie; it travels with them to a new address.
        var reader = factory.CreateBrowserClient("192.0.2.21");
        var page = await reader.GetOkPageAsync("/articles/report-saved");
        var saved = await reader.SubmitCommentFormAsync(page, new Dictionary<string, string?>
        {
            ["Name"] = "Roaming Reader",
            ["Email"] = "roaming@example.test",
            ["Body"] = "Hello from the train.",
            ["SaveDetails"] = "true",
        });
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        await reader.ReportAsync("report-saved", id);
        reader.DefaultRequestHeaders.Remove(TestClientAddressStartupFilter.Header);
        reader.DefaultRequestHeaders.Add(TestClientAddressStartupFilter.Header, "192.0.2.22");

        var again = await reader.ReportAsync("report-saved", id);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_report_without_a_reason_is_refused_with_the_note_kept()
    {
        var id = await ApprovedCommentAsync("report-reasonless");

        var refused = await factory.CreateBrowserClient("192.0.2.31").ReportAsync("report-reasonless", id, reason: null, note: "It is rude.");
        var page = await HtmlClient.ParseAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("It is rude.", page.QuerySelector("#Note")!.TextContent);
        Assert.Contains("Choose why", page.QuerySelector("#reason-error")!.TextContent, StringComparison.Ordinal);
        var sent = await factory.CreateBrowserClient("192.0.2.31").SubmitAsync(page, "form.report-form", new Dictionary<string, string?> { ["Reason"] = "Other" });
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
    }

    [Fact]
    public async Task A_sent_report_thanks_the_reader()
    {
        var id = await ApprovedCommentAsync("report-thanks");
        var reader = factory.CreateBrowserClient("192.0.2.41");

        var (_, page, _) = await reader.FollowAsync(await reader.ReportAsync("report-thanks", id));

        Assert.Contains("Thank you", page.QuerySelector("#form-message")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form.report-form"));
    }

    [Fact]
    public async Task A_held_or_unknown_comment_cannot_be_reported()
    {
        await factory.CreateArticleAsync("report-missing", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var reader = factory.CreateBrowserClient("192.0.2.51");

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/articles/report-missing/comments/999999/report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/articles/report-missing/comments/abc/report")).StatusCode);
    }

    [Fact]
    public async Task A_reported_approved_comment_appears_in_the_reported_tab_with_counts_reasons_and_encoded_notes()
    {
        var id = await ApprovedCommentAsync("report-tab", author: "Tab Author");
        const string hostile = "<script>alert('note')</script><img src=x onerror=alert(1)>";
        await factory.CreateBrowserClient("192.0.2.61").ReportAsync("report-tab", id, "Spam", hostile);
        await factory.CreateBrowserClient("192.0.2.62").ReportAsync("report-tab", id, "OffTopic");
        var admin = await factory.SignedInAdminAsync();

        var queue = await admin.GetOkPageAsync("/admin/comments");
        var tab = await admin.GetOkPageAsync(queue.QuerySelector("nav.tabs a[href='/admin/comments/reported']")!.GetAttribute("href")!);
        var row = tab.QuerySelector($"#queue-{id}")!;

        Assert.NotNull(row);
        Assert.Equal("Approved", row.QuerySelector(".queue-status")!.TextContent);
        Assert.Contains("Reported by 2 readers", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Spam: 1", "Off-topic: 1"], row.QuerySelectorAll(".report-reason").Select(e => e.TextContent).Order().Reverse().ToArray());
        Assert.Contains(hostile, row.QuerySelector(".report-note")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(tab.QuerySelectorAll(".report-note script, .report-note img"));
    }

    [Fact]
    public async Task Dismissing_reports_clears_the_tab_entry_and_is_audited()
    {
        var id = await ApprovedCommentAsync("report-dismiss", author: "Dismissed Author");
        await factory.CreateBrowserClient("192.0.2.71").ReportAsync("report-dismiss", id);
        var admin = await factory.SignedInAdminAsync();
        var tab = await admin.GetOkPageAsync("/admin/comments/reported");

        var dismissed = await admin.SubmitAsync(tab, $"main form:has(#queue-{id})", null, $"button[value='Dismiss:{id}']");

        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        Assert.Null((await admin.GetOkPageAsync("/admin/comments/reported")).QuerySelector($"#queue-{id}"));
        await using var scope = factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == "comment.reports-dismissed").Select(e => e.Subject).ToListAsync();
        Assert.Contains(audit, s => s.Contains($"comment #{id} by Dismissed Author", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_automatic_hold_is_audited()
    {
        var id = await ApprovedCommentAsync("report-audit", author: "Audited Author");
        for (var reader = 81; reader <= 83; reader++)
        {
            await factory.CreateBrowserClient($"192.0.2.{reader}").ReportAsync("report-audit", id);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == "comment.auto-hold").ToListAsync();
        var entry = Assert.Single(entries, e => e.Subject.StartsWith($"Comment #{id} ", StringComparison.Ordinal));
        Assert.Equal(("Approved", "Pending", "system"), (entry.FromStatus, entry.ToStatus, entry.UserName));
    }
}

/// <summary>A site allowing each client two reports per hour.</summary>
public sealed class TightReportLimitFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Comments:ReportsPerHour"] = "2" };
}

public sealed class ReportFloodTests(TightReportLimitFactory factory) : IClassFixture<TightReportLimitFactory>
{
    [Fact]
    public async Task A_client_reporting_comment_after_comment_is_slowed_down_with_the_report_kept()
    {
        await factory.CreateArticleAsync("report-flood", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var posted = await factory.CreateBrowserClient($"198.51.100.{i + 1}").PostCommentAsync("/articles/report-flood", Comment($"Comment {i} to flood."));
            ids.Add(CommentQueries.CommentId(posted.Headers.Location!.OriginalString));
        }

        var flooder = factory.CreateBrowserClient("198.51.100.99");
        Assert.Equal(HttpStatusCode.SeeOther, (await flooder.ReportAsync("report-flood", ids[0])).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await flooder.ReportAsync("report-flood", ids[1])).StatusCode);

        var slowed = await flooder.ReportAsync("report-flood", ids[2], "Other", "Third in a row.");
        var page = await HtmlClient.ParseAsync(slowed);

        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.True(int.Parse(slowed.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("Third in a row.", page.QuerySelector("#Note")!.TextContent);
        Assert.NotNull(page.QuerySelector("#reason-other[checked]"));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().CommentReports.CountAsync(r => r.Comment.Article.Slug == "report-flood"));
    }
}
