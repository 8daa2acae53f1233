namespace MovieNews.Web.Features.Mail;

/// <summary>How the site's SMTP server is reached (<c>Mail:Security</c>).</summary>
public enum MailSecurity
{
    /// <summary>Plain SMTP: only for a relay on the same machine or a test server.</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS (submission on port 587); refuses to go on without it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>The <c>Mail</c> settings. Mail is off while <see cref="Host"/> is unset: nothing is queued and no form offers notices.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>MovieNews &lt;news@example.com&gt;</c>.</summary>
    public string From { get; set; } = "MovieNews <no-reply@localhost>";

    /// <summary>Whether this instance runs the background sender (every instance may: rows are leased).</summary>
    public bool BackgroundSender { get; set; } = true;

    /// <summary>How often the sender looks for due messages when nothing woke it.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>The first retry waits this long; each later one twice as long as the one before, up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 30;
    public double RetryMaxSeconds { get; set; } = 3600;

    /// <summary>After this many failed attempts a message is given up (marked failed, kept for the operator).</summary>
    public int MaxAttempts { get; set; } = 30;

    /// <summary>How long a claimed message belongs to the instance sending it; a crashed sender's claim lapses after this.</summary>
    public double LeaseSeconds { get; set; } = 120;

    public int BatchSize { get; set; } = 20;
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>At most this many notices (confirmations, replies, approvals) to one address per hour; more are dropped.</summary>
    public int NoticesPerAddressPerHour { get; set; } = 10;

    /// <summary>How long a "confirm your subscription" link works.</summary>
    public double ConfirmLinkHours { get; set; } = 48;

    /// <summary>How often an editor who opted in gets the digest of held comments (only when there are any).</summary>
    public double DigestIntervalMinutes { get; set; } = 60;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public bool IsValid(out string problem)
    {
        problem = string.Empty;
        if (!Enabled)
        {
            return true;
        }

        if (Port is < 1 or > 65535 || PollSeconds <= 0 || RetryBaseSeconds <= 0 || RetryMaxSeconds < RetryBaseSeconds || MaxAttempts < 1
            || LeaseSeconds <= 0 || BatchSize < 1 || TimeoutSeconds < 1 || NoticesPerAddressPerHour < 0 || ConfirmLinkHours <= 0 || DigestIntervalMinutes <= 0)
        {
            problem = "Mail settings: Port 1-65535; PollSeconds, RetryBaseSeconds, LeaseSeconds, ConfirmLinkHours and DigestIntervalMinutes above 0; "
                + "RetryMaxSeconds at least RetryBaseSeconds; MaxAttempts, BatchSize and TimeoutSeconds at least 1; NoticesPerAddressPerHour at least 0.";
            return false;
        }

        if (!MimeKit.MailboxAddress.TryParse(From, out _))
        {
            problem = $"Mail:From must be an address like 'MovieNews <news@example.com>' (it is '{From}').";
            return false;
        }

        return true;
    }
}
