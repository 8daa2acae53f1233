using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using MovieNews.Web.Data;

namespace MovieNews.Web.Features.Mail;

/// <summary>
/// Sends what the outbox holds. Each message is first claimed with a conditional UPDATE (a lease), so two
/// instances never send one row at once; it is marked sent as soon as the SMTP server has accepted it. A failure
/// is retried later, each wait twice the one before. The one gap: a crash after the server accepted a message and
/// before it was marked sends it again when the lease lapses, with the same Message-Id (docs/operations.md).
/// </summary>
public sealed class OutboxSender(IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider clock, ILogger<OutboxSender> logger)
{
    /// <summary>This instance's name on the rows it leases.</summary>

    /// <summary>Sends one batch of due messages; returns how many were claimed (a full batch means look again at once).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        var claimed = await ClaimAsync(db, settings, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        using var smtp = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        try
        {
            await ConnectAsync(smtp, settings, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not reach the SMTP server {Host}:{Port}: {Error}", settings.Host, settings.Port, e.Message);
            foreach (var message in claimed)
            {
                await FailedAsync(db, message, e.Message, permanent: false, settings);
            }

            return claimed.Count;
        }

        foreach (var message in claimed)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync(db, message);
                continue;
            }

            MimeMessage mime;
            try
            {
                mime = Compose(message, settings);
            }
            catch (ParseException e)
            {
                await FailedAsync(db, message, "Not an address: " + e.Message, permanent: true, settings);
                continue;
            }

            try
            {
                await smtp.SendAsync(mime, cancellationToken);
            }
            catch (SmtpCommandException e)
            {
                // A 5xx refusal of the recipient will not change by trying again; anything else might.
                var permanent = e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500;
                await FailedAsync(db, message, $"{(int)e.StatusCode} {e.Message}", permanent, settings);
                continue;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                await FailedAsync(db, message, e.Message, permanent: false, settings);
                continue;
            }
            catch (OperationCanceledException)
            {
                // Stopping mid-send: the server may or may not have taken it. Released, it is sent again later
                // (at worst a duplicate with the same Message-Id, never a loss).
                await ReleaseAsync(db, message);
                continue;
            }

            // Accepted: recorded at once and whatever happens next (even shutting down), so it is never sent again.
            await db.OutboxMessages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.SentUtc, clock.GetUtcNow().UtcDateTime)
                    .SetProperty(m => m.Attempts, message.Attempts + 1)
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null),
                CancellationToken.None);
            Infrastructure.Telemetry.MailsSent.Add(1, new KeyValuePair<string, object?>("kind", message.Kind));
        }

        try
        {
            await smtp.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or MailKit.Net.Smtp.SmtpProtocolException or ServiceNotConnectedException or System.Net.Sockets.SocketException)
        {
            // Everything was sent or recorded; a rude goodbye changes nothing.
        }

        return claimed.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(MovieNewsDbContext db, MailOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseUntil = now.AddSeconds(settings.LeaseSeconds);
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentUtc == null && m.FailedUtc == null && m.NextAttemptUtc <= now && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
            .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        // One UPDATE for the batch, with the same conditions again: of two claims that read the same rows — two
        // instances, or the background sender and the settings page's test in one — each row goes to one. The lease
        // is this claim's own, so the rows read back with it are exactly the ones it won.
        var lease = Guid.NewGuid().ToString("N");
        await db.OutboxMessages
            .Where(m => due.Contains(m.Id) && m.SentUtc == null && m.FailedUtc == null && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, lease).SetProperty(m => m.LeaseUntilUtc, leaseUntil), cancellationToken);
        return await db.OutboxMessages.AsNoTracking().Where(m => due.Contains(m.Id) && m.LeaseOwner == lease).OrderBy(m => m.Id).ToListAsync(cancellationToken);
    }

    private static async Task ConnectAsync(SmtpClient smtp, MailOptions settings, CancellationToken cancellationToken)
    {
        var security = settings.Security switch
        {
            MailSecurity.StartTls => SecureSocketOptions.StartTls,
            MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        };
        await smtp.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }
    }

    /// <summary>The stored message as MIME: text and HTML alternatives, its fixed Message-Id, and RFC 8058 headers when it has an unsubscribe address.</summary>
    public static MimeMessage Compose(OutboxMessage message, MailOptions settings)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(settings.From));
        mime.To.Add(MailboxAddress.Parse(message.ToAddress));
        mime.Subject = message.Subject;
        mime.MessageId = message.MessageId;
        mime.Date = new DateTimeOffset(DateTime.SpecifyKind(message.CreatedUtc, DateTimeKind.Utc));
        // RFC 3834: no vacation auto-replies to a machine's mail.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    private async Task FailedAsync(MovieNewsDbContext db, OutboxMessage message, string error, bool permanent, MailOptions settings)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = message.Attempts + 1;
        var giveUp = permanent || attempts >= settings.MaxAttempts;
        var wait = Math.Min(settings.RetryMaxSeconds, settings.RetryBaseSeconds * Math.Pow(2, attempts - 1));
        var text = error.Length > 1000 ? error[..1000] : error;
        if (giveUp)
        {
            logger.LogError("Gave up mail #{Id} ({Kind}) after {Attempts} attempts: {Error}", message.Id, message.Kind, attempts, text);
        }

        await db.OutboxMessages.Where(m => m.Id == message.Id && m.LeaseOwner == message.LeaseOwner).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptUtc, now.AddSeconds(wait))
                .SetProperty(m => m.LastError, text)
                .SetProperty(m => m.FailedUtc, giveUp ? now : null)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null),
            CancellationToken.None);
    }

    private static Task<int> ReleaseAsync(MovieNewsDbContext db, OutboxMessage message) =>
        db.OutboxMessages.Where(m => m.Id == message.Id && m.LeaseOwner == message.LeaseOwner).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntilUtc, (DateTime?)null),
            CancellationToken.None);
}

/// <summary>Runs <see cref="OutboxSender"/> every <c>Mail:PollSeconds</c>, or at once when a message was just queued here.</summary>
public sealed class OutboxWorker(OutboxSender sender, HeldCommentDigest digest, OutboxSignal signal, IOptions<MailOptions> options, ILogger<OutboxWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !settings.BackgroundSender)
        {
            return;
        }

        // Off the start-up path: the host finishes starting before the first look.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                await digest.QueueDueAsync(stoppingToken);
                claimed = await sender.SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly unavailable; the messages wait in it for the next round.
                logger.LogWarning(e, "The mail sender's round failed; it tries again at the next poll.");
            }

            if (claimed >= settings.BatchSize)
            {
                continue;
            }

            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
