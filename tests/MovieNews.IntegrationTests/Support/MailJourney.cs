using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Mail;

namespace MovieNews.IntegrationTests.Support;

/// <summary>The steps of a reader's journey with notice mails: posting with the boxes ticked, following links from received mail.</summary>
public static partial class MailJourney
{
    /// <summary>Posts through the real form; returns the new comment's id.</summary>
    public static async Task<int> CommentAsync(
        this HttpClient client, string slug, string body, string name, string? email, bool notifyReplies = false, bool notifyApproval = false, int? parentId = null)
    {
        var fields = CommentForms.Comment(body, name, email, parentId: parentId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (notifyReplies)
        {
            fields["NotifyReplies"] = "true";
        }

        if (notifyApproval)
        {
            fields["NotifyApproval"] = "true";
        }

        var response = await client.PostCommentAsync($"/articles/{slug}", fields);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return CommentQueries.CommentId(response.Headers.Location!.OriginalString);
    }

    /// <summary>The first link in the message's text part that starts with the given address.</summary>
    public static string LinkIn(MimeMessage message, string startingWith) =>
        Links(message.TextBody ?? string.Empty).FirstOrDefault(l => l.StartsWith(startingWith, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No link to {startingWith} in:\n{message.TextBody}");

    public static IEnumerable<string> Links(string text) => UrlPattern().Matches(text).Select(m => m.Value);

    /// <summary>The address in the List-Unsubscribe header, without its angle brackets.</summary>
    public static string ListUnsubscribe(MimeMessage message) =>
        message.Headers["List-Unsubscribe"]?.Trim().TrimStart('<').TrimEnd('>') ?? throw new InvalidOperationException("No List-Unsubscribe header.");

    /// <summary>Follows a confirmation link as the reader would: opens it, then presses the button.</summary>
    public static async Task ConfirmAsync(this HttpClient client, MimeMessage confirmation)
    {
        var link = LinkIn(confirmation, MailFactory.PublicUrl + "/mail/confirm");
        var page = await client.GetOkPageAsync(PathOf(link));
        var response = await client.SubmitAsync(page, "form.mail-confirm");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await HtmlClient.ParseAsync(response)).QuerySelector("#mail-done"));
    }

    /// <summary>What a mail provider does for a one-click unsubscribe (RFC 8058): a POST with no cookies and no Origin.</summary>
    public static async Task<HttpResponseMessage> OneClickUnsubscribeAsync(this MovieNewsFactory factory, MimeMessage message)
    {
        using var provider = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        return await provider.PostAsync(PathOf(ListUnsubscribe(message)), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
    }

    public static string PathOf(string absolute) => new Uri(absolute).PathAndQuery;

    /// <summary>Waits until every queued message was sent (or given up), so a test can then say what was not sent.</summary>
    public static async Task OutboxDrainedAsync(this MovieNewsFactory factory, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (await factory.OutboxAsync(q => q.CountAsync(m => m.SentUtc == null && m.FailedUtc == null)) > 0)
        {
            Assert.True(DateTime.UtcNow < until, "The outbox was not drained.");
            await Task.Delay(25);
        }
    }

    public static async Task<T> OutboxAsync<T>(this MovieNewsFactory factory, Func<IQueryable<OutboxMessage>, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().OutboxMessages.AsNoTracking());
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex UrlPattern();
}
