using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;
using MovieNews.Web.Data;

namespace MovieNews.Web.Features.Mail;

/// <summary>A message's words: a plain-text part and an HTML part saying the same.</summary>
public sealed record MailContent(string Subject, string Text, string Html);

/// <summary>
/// Queues messages in the caller's <see cref="MovieNewsDbContext"/>: they are written by the caller's own
/// SaveChanges, in its transaction, so a message exists exactly when what caused it does.
/// </summary>
public sealed class MailOutbox(MovieNewsDbContext db, IOptions<MailOptions> options, TimeProvider clock, OutboxSignal signal, ILogger<MailOutbox> logger)
{
    public bool Enabled => options.Value.Enabled;

    /// <summary>
    /// Adds the message for the caller's next save. Returns false, queuing nothing, when mail is off, when the same
    /// <paramref name="dedupeKey"/> was queued before, or when a reader's address had its hourly share of notices.
    /// </summary>
    public async Task<bool> EnqueueAsync(
        string kind, string to, MailContent content, string? dedupeKey, string? unsubscribeUrl, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return false;
        }

        if (dedupeKey is not null
            && (db.OutboxMessages.Local.Any(m => m.DedupeKey == dedupeKey)
                || await db.OutboxMessages.AnyAsync(m => m.DedupeKey == dedupeKey, cancellationToken)))
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var key = OutboxMessage.AddressKeyFor(to);
        if (MailKinds.ToReaders.Contains(kind) && await SentThisHourAsync(key, now, cancellationToken) >= options.Value.NoticesPerAddressPerHour)
        {
            // Someone (perhaps not the address's owner) is causing a stream of mail to one inbox: the rest waits for next hour's share.
            logger.LogWarning("A {Kind} notice was not queued: its address had {Limit} notices in the last hour.", kind, options.Value.NoticesPerAddressPerHour);
            return false;
        }

        db.OutboxMessages.Add(new OutboxMessage
        {
            MessageId = MimeUtils.GenerateMessageId(DomainOf(options.Value.From)),
            DedupeKey = dedupeKey,
            Kind = kind,
            ToAddress = to.Trim(),
            AddressKey = key,
            Subject = content.Subject,
            TextBody = content.Text,
            HtmlBody = content.Html,
            UnsubscribeUrl = unsubscribeUrl,
            CreatedUtc = now,
            NextAttemptUtc = now,
        });
        return true;
    }

    /// <summary>Tells this instance's sender to look now instead of at its next poll (call after the save).</summary>
    public void Wake() => signal.Wake();

    private async Task<int> SentThisHourAsync(string key, DateTime now, CancellationToken cancellationToken)
    {
        var since = now.AddHours(-1);
        var queued = await db.OutboxMessages.CountAsync(
            m => m.AddressKey == key && m.CreatedUtc > since && MailKinds.ToReaders.Contains(m.Kind), cancellationToken);
        return queued + db.OutboxMessages.Local.Count(m => m.Id == 0 && m.AddressKey == key && MailKinds.ToReaders.Contains(m.Kind));
    }

    private static string DomainOf(string from) =>
        MailboxAddress.TryParse(from, out var address) && address.Domain is { Length: > 0 } domain ? domain : "localhost";
}

/// <summary>Wakes the background sender when a message was just queued on this instance.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _wake.Dispose();
}
