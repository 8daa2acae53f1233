using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Comments;

namespace MovieNews.Web.Features.Mail;

public enum SubscriptionKind
{
    /// <summary>New comments in a conversation (a thread), after a confirmed double opt-in.</summary>
    Replies,

    /// <summary>One notice when a held comment is approved; asked with the comment, sent only after an editor approves it.</summary>
    Approval,
}

/// <summary>
/// An address that asked to be told about a conversation. It is known outside by <see cref="PublicId"/> (random,
/// never a counter) inside signed links that also name the address, so a link unsubscribes exactly the address
/// and the conversation it was sent for.
/// </summary>
public sealed class CommentSubscription
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public SubscriptionKind Kind { get; set; }
    public required string Email { get; set; }

    /// <summary>The address lower-cased: the same person whatever capitals they typed.</summary>
    public required string AddressKey { get; set; }

    public int ArticleId { get; set; }

    /// <summary>The conversation: the top-level comment whose thread the subscriber follows.</summary>
    public int ThreadRootId { get; set; }

    /// <summary>The comment the subscriber asked with; deleting it ends the subscription.</summary>
    public int CommentId { get; set; }
    public Comment Comment { get; set; } = null!;

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the subscriber followed the confirmation link; nothing but that confirmation is sent before.</summary>
    public DateTime? ConfirmedUtc { get; set; }
}

/// <summary>An editor who asked for a mail when comments are waiting in the queue.</summary>
public sealed class HeldCommentDigestRecipient
{
    public required string UserId { get; set; }
    public DateTime OptedInUtc { get; set; }

    /// <summary>The last digest's time: the next one waits <c>Mail:DigestIntervalMinutes</c> and tells only of comments held since.</summary>
    public DateTime? LastSentUtc { get; set; }
}

internal sealed class CommentSubscriptionConfiguration : IEntityTypeConfiguration<CommentSubscription>
{
    public void Configure(EntityTypeBuilder<CommentSubscription> subscription)
    {
        subscription.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        subscription.Property(s => s.Email).HasMaxLength(320);
        subscription.Property(s => s.AddressKey).HasMaxLength(320);
        subscription.HasIndex(s => s.PublicId).IsUnique();
        subscription.HasIndex(s => new { s.ArticleId, s.ThreadRootId });
        subscription.HasIndex(s => s.AddressKey);
        subscription.HasOne(s => s.Comment).WithMany().HasForeignKey(s => s.CommentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HeldCommentDigestRecipientConfiguration : IEntityTypeConfiguration<HeldCommentDigestRecipient>
{
    public void Configure(EntityTypeBuilder<HeldCommentDigestRecipient> recipient)
    {
        recipient.HasKey(r => r.UserId);
        recipient.HasOne<EditorUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
