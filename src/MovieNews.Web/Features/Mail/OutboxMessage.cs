using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MovieNews.Web.Features.Mail;

/// <summary>What a message is, for rate limits, privacy requests and the operator.</summary>
public static class MailKinds
{
    public const string Test = "test";
    public const string Confirm = "confirm";
    public const string Reply = "reply";
    public const string Approval = "approval";
    public const string Digest = "digest";

    /// <summary>To staff: an article waits for review, or what became of one they submitted.</summary>
    public const string Review = "review";

    /// <summary>Messages to readers' addresses: these count towards the per-address hourly limit.</summary>
    public static readonly string[] ToReaders = [Confirm, Reply, Approval];
}

/// <summary>
/// One e-mail, written in the same transaction as what caused it and sent later by <see cref="OutboxSender"/>:
/// a crash or an SMTP outage delays it but never loses it. Everything the message needs is stored, so it is sent
/// as it was meant when it was written, whatever changes afterwards.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The Message-Id header, fixed when queued: a message sent twice (see docs/operations.md) is recognisably one.</summary>
    public required string MessageId { get; set; }

    /// <summary>What the message is about (e.g. <c>reply:42:7</c>): queued at most once, so approving a comment twice mails nobody twice.</summary>
    public string? DedupeKey { get; set; }

    public required string Kind { get; set; }
    public required string ToAddress { get; set; }

    /// <summary>The address lower-cased, for the hourly limit and for privacy requests.</summary>
    public required string AddressKey { get; set; }

    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }

    /// <summary>The one-click unsubscribe address (RFC 8058) for the List-Unsubscribe header, when the message has one.</summary>
    public string? UnsubscribeUrl { get; set; }

    public DateTime CreatedUtc { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public int Attempts { get; set; }

    /// <summary>The sender instance holding the message until <see cref="LeaseUntilUtc"/>, so two instances never send one row at once.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntilUtc { get; set; }

    /// <summary>When the SMTP server accepted it.</summary>
    public DateTime? SentUtc { get; set; }

    /// <summary>When it was given up (a permanent refusal, or too many attempts).</summary>
    public DateTime? FailedUtc { get; set; }
    public string? LastError { get; set; }

    public static string AddressKeyFor(string address) => address.Trim().ToLowerInvariant();
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("OutboxMessages");
        message.Property(m => m.MessageId).HasMaxLength(200);
        message.Property(m => m.DedupeKey).HasMaxLength(200);
        message.Property(m => m.Kind).HasMaxLength(32);
        message.Property(m => m.ToAddress).HasMaxLength(320);
        message.Property(m => m.AddressKey).HasMaxLength(320);
        message.Property(m => m.Subject).HasMaxLength(400);
        message.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        message.Property(m => m.LeaseOwner).HasMaxLength(64);
        message.Property(m => m.LastError).HasMaxLength(1000);
        message.HasIndex(m => m.DedupeKey).IsUnique();
        // The sender's question: what is unsent and due?
        message.HasIndex(m => new { m.SentUtc, m.FailedUtc, m.NextAttemptUtc });
        // The hourly limit and privacy requests look messages up by address.
        message.HasIndex(m => new { m.AddressKey, m.CreatedUtc });
    }
}
