using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Mail;
using static MovieNews.IntegrationTests.Support.MailJourney;

namespace MovieNews.IntegrationTests.Mail;

/// <summary>The outbox: nothing is lost to a restart or an SMTP outage, and nothing the server accepted is sent twice.</summary>
public sealed class MailOutboxTests
{
    private static readonly DateTime _published = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Mail_queued_by_an_app_that_stopped_before_sending_is_sent_once_by_the_next_app_on_the_same_database()
    {
        string connectionString;
        using (var first = MailFactory.With(new Dictionary<string, string?> { ["Mail:BackgroundSender"] = "false" }))
        {
            connectionString = first.ConnectionString;
            await first.CreateArticleAsync("outbox-restart", ArticleStatus.Published, _published);
            await first.CreateBrowserClient().CommentAsync("outbox-restart", "Tell me.", "Rita", "rita@example.com", notifyReplies: true);
            Assert.Equal(1, await first.OutboxAsync(q => Task.FromResult(q.Count(m => m.SentUtc == null))));
            Assert.Empty(first.Sink.Messages);

            // The restarted app keeps the first one's database alive: disposing the first must not drop it.
            using var restarted = MailFactory.With(null, connectionString);
            _ = restarted.Server;
            var received = await restarted.Sink.WaitForAsync("rita@example.com");
            await restarted.OutboxDrainedAsync();

            Assert.Contains("Confirm", Assert.Single(received).Subject, StringComparison.Ordinal);
            Assert.Single(restarted.Sink.Messages);
        }
    }

    [Fact]
    public async Task An_smtp_outage_delays_mail_which_is_delivered_once_when_the_server_is_back()
    {
        using var factory = new MailFactory();
        await factory.CreateArticleAsync("outbox-outage", ArticleStatus.Published, _published);
        await factory.Sink.StopAsync();

        await factory.CreateBrowserClient().CommentAsync("outbox-outage", "Tell me.", "Sam", "sam@example.com", notifyReplies: true);
        await WaitForAttemptsAsync(factory, 1);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForAttemptsAsync(factory, 2);
        factory.Sink.Start();
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        var received = await factory.Sink.WaitForAsync("sam@example.com");
        await factory.OutboxDrainedAsync();

        Assert.Single(received);
        var row = await factory.OutboxAsync(q => Task.FromResult(q.Single()));
        Assert.Equal(received[0].MessageId, row.MessageId);
        Assert.True(row.Attempts >= 3, $"{row.Attempts} attempts");
        Assert.NotNull(row.LastError);
    }

    [Fact]
    public async Task Retries_wait_twice_as_long_each_time()
    {
        using var factory = new MailFactory();
        await factory.CreateArticleAsync("outbox-backoff", ArticleStatus.Published, _published);
        await factory.Sink.StopAsync();
        var queuedAt = factory.Clock.GetUtcNow().UtcDateTime;
        await factory.CreateBrowserClient().CommentAsync("outbox-backoff", "Tell me.", "Tom", "tom@example.com", notifyReplies: true);

        await WaitForAttemptsAsync(factory, 1);
        var afterOne = await factory.OutboxAsync(q => Task.FromResult(q.Single()));
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForAttemptsAsync(factory, 2);
        var afterTwo = await factory.OutboxAsync(q => Task.FromResult(q.Single()));

        // RetryBaseSeconds is 1 here; the test clock stands still between the steps.
        Assert.InRange((afterOne.NextAttemptUtc - queuedAt).TotalMilliseconds, 999, 1001);
        Assert.InRange((afterTwo.NextAttemptUtc - queuedAt).TotalMilliseconds, 2999, 3001);
    }

    [Fact]
    public async Task Two_instances_sharing_a_database_send_each_message_once()
    {
        using var first = MailFactory.With(new Dictionary<string, string?> { ["Mail:BackgroundSender"] = "false" });
        await first.CreateArticleAsync("outbox-two", ArticleStatus.Published, _published);
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
            for (var i = 0; i < 30; i++)
            {
                await outbox.EnqueueAsync(MailKinds.Test, $"reader{i}@example.com", new MailContent($"Message {i}", "Text", "<p>HTML</p>"), null, null, CancellationToken.None);
            }

            await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().SaveChangesAsync();
        }

        using var second = MailFactory.With(new Dictionary<string, string?> { ["Mail:BackgroundSender"] = "false", ["Mail:BatchSize"] = "3" }, first.ConnectionString);
        using var third = MailFactory.With(new Dictionary<string, string?> { ["Mail:BackgroundSender"] = "false", ["Mail:BatchSize"] = "3" }, first.ConnectionString);
        var a = second.Services.GetRequiredService<OutboxSender>();
        var b = third.Services.GetRequiredService<OutboxSender>();
        while (await first.OutboxAsync(q => Task.FromResult(q.Count(m => m.SentUtc == null))) > 0)
        {
            await Task.WhenAll(a.SendDueAsync(CancellationToken.None), b.SendDueAsync(CancellationToken.None));
        }

        var all = second.Sink.Messages.Concat(third.Sink.Messages).ToList();
        Assert.Equal(30, all.Count);
        Assert.Equal(30, all.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Sends_at_once_in_one_instance_send_each_message_once()
    {
        // As when the settings page's test sends while the background sender is running: one sender, several claims at once.
        using var factory = MailFactory.With(new Dictionary<string, string?> { ["Mail:BackgroundSender"] = "false", ["Mail:BatchSize"] = "4" });
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
            for (var i = 0; i < 48; i++)
            {
                await outbox.EnqueueAsync(MailKinds.Test, $"once{i}@example.com", new MailContent($"Once {i}", "Text", "<p>HTML</p>"), null, null, CancellationToken.None);
            }

            await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().SaveChangesAsync();
        }

        var sender = factory.Services.GetRequiredService<OutboxSender>();
        while (await factory.OutboxAsync(q => Task.FromResult(q.Count(m => m.SentUtc == null))) > 0)
        {
            await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => sender.SendDueAsync(CancellationToken.None))));
        }

        Assert.Equal(48, factory.Sink.Messages.Count);
        Assert.Equal(48, factory.Sink.Messages.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task The_settings_page_sends_a_test_message_and_says_the_server_accepted_it()
    {
        using var factory = new MailFactory();
        var admin = await factory.SignedInAdminAsync();

        var response = await admin.SubmitAsync("/admin/settings", "#mail-test-form", new Dictionary<string, string?> { ["TestAddress"] = "ops@example.com" });
        var page = await admin.GetOkPageAsync(response.Headers.Location!.OriginalString);

        var message = Assert.Single(factory.Sink.To("ops@example.com"));
        Assert.Contains("Test message", message.Subject, StringComparison.Ordinal);
        Assert.Contains("accepted", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_test_button_says_what_went_wrong_when_the_server_is_down()
    {
        using var factory = MailFactory.With(new Dictionary<string, string?> { ["Mail:BackgroundSender"] = "false" });
        await factory.Sink.StopAsync();
        var admin = await factory.SignedInAdminAsync();

        var response = await admin.SubmitAsync("/admin/settings", "#mail-test-form", new Dictionary<string, string?> { ["TestAddress"] = "ops@example.com" });
        var page = await admin.GetOkPageAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("has not accepted it yet", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_mail_off_the_comment_form_offers_no_notifications_and_nothing_is_queued()
    {
        using var factory = new MovieNewsFactory();
        await factory.CreateArticleAsync("mail-off", ArticleStatus.Published, _published);
        var fields = CommentForms.Comment("Hello.", "Uma", "uma@example.com");
        fields["NotifyReplies"] = "true";

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/mail-off");
        var response = await factory.CreateBrowserClient().PostCommentAsync("/articles/mail-off", fields);

        Assert.Null(page.QuerySelector("input[name='Input.NotifyReplies']"));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(0, await factory.OutboxAsync(q => Task.FromResult(q.Count())));
    }

    [Fact]
    public async Task An_editor_who_opted_in_gets_a_digest_of_held_comments()
    {
        using var factory = new MailFactory();
        await factory.CreateArticleAsync("mail-digest", ArticleStatus.Published, _published);
        var admin = await factory.SignedInAdminAsync();
        await admin.SubmitAsync("/admin/profile", "#digest-form", new Dictionary<string, string?> { ["Digest"] = "true" });
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        await factory.CreateBrowserClient().CommentAsync("mail-digest", "See https://a.example and https://b.example", "Vic", "vic.private@example.com");
        var digest = Assert.Single(await factory.Sink.WaitForAsync(MovieNewsFactory.AdminEmail));

        Assert.Matches(@"^\d+ comments? waiting for moderation$", digest.Subject);
        Assert.Contains("Vic", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{MailFactory.PublicUrl}/admin/comments", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("vic.private", digest.TextBody + digest.HtmlBody, StringComparison.Ordinal);
    }

    private static async Task WaitForAttemptsAsync(MovieNewsFactory factory, int attempts)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await factory.OutboxAsync(q => Task.FromResult(q.Select(m => m.Attempts).SingleOrDefault())) < attempts)
        {
            Assert.True(DateTime.UtcNow < until, $"No {attempts} attempts yet.");
            await Task.Delay(25);
        }
    }
}

/// <summary>The hourly per-address limit, on an app whose limit is two.</summary>
public sealed class NoticeRateLimitTests
{
    [Fact]
    public async Task Notices_to_one_address_stop_at_the_hourly_limit_and_resume_the_next_hour()
    {
        using var factory = MailFactory.With(new Dictionary<string, string?> { ["Mail:NoticesPerAddressPerHour"] = "2" });
        await factory.CreateArticleAsync("mail-limit", ArticleStatus.Published, new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        var first = await factory.CreateBrowserClient().CommentAsync("mail-limit", "Tell me.", "Wes", "wes@example.com", notifyReplies: true);
        await factory.CreateBrowserClient().ConfirmAsync(Assert.Single(await factory.Sink.WaitForAsync("wes@example.com")));

        await factory.CreateBrowserClient("198.51.100.20").CommentAsync("mail-limit", "Reply one.", "Xena", null, parentId: first);
        await factory.CreateBrowserClient("198.51.100.21").CommentAsync("mail-limit", "Reply two.", "Yuri", null, parentId: first);
        await factory.OutboxDrainedAsync();
        var withinTheHour = factory.Sink.To("wes@example.com").Count;
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        await factory.CreateBrowserClient("198.51.100.22").CommentAsync("mail-limit", "Reply three.", "Zoe", null, parentId: first);
        var later = await factory.Sink.WaitForAsync("wes@example.com", count: 3);

        Assert.Equal(2, withinTheHour);
        Assert.Contains("Reply three.", later[2].TextBody, StringComparison.Ordinal);
    }
}
