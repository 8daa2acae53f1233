using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Bans;

/// <summary>An editor's ban as typed into the form: everything a string, so nothing typed is lost to a failed conversion.</summary>
public sealed class BanInput
{
    public string? Kind { get; set; }
    public string? Value { get; set; }
    public string? Reason { get; set; }

    /// <summary>Days until the ban expires; empty for a ban without end.</summary>
    public string? Days { get; set; }
    public bool Shadow { get; set; }
    public bool RemovePast { get; set; }
}

public abstract record BanResult
{
    private BanResult()
    {
    }

    public sealed record Created(int BanId, int RemovedComments) : BanResult;
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : BanResult;
}

/// <summary>Creating, expiring and deleting bans; every change is in the audit log. The moderation service enforces them (<see cref="BanRule"/>).</summary>
public sealed class BanList(MovieNewsDbContext db, ClientFingerprint fingerprint, CommentModeration moderation, AuditLog audit, IHttpContextAccessor http, TimeProvider clock)
{
    public const int MaxDays = 3650;

    public static BanKind? ParseKind(string? raw) =>
        raw is not null && Enum.GetNames<BanKind>().Contains(raw, StringComparer.Ordinal) ? Enum.Parse<BanKind>(raw) : null;

    public async Task<BanResult> CreateAsync(BanInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var kind = ParseKind(input.Kind);
        var reason = TextNormalizer.SingleLine(input.Reason);
        var value = TextNormalizer.SingleLine(input.Value);
        if (kind is null)
        {
            errors[nameof(BanInput.Kind)] = SiteText.Get("Choose what to ban: an email, a name, an address or a network.");
        }

        if (reason.Length is 0 or > Ban.ReasonMaxLength)
        {
            errors[nameof(BanInput.Reason)] = SiteText.Format("Give a reason (1–{0:N0} characters): it is shown to editors and recorded with the comments it stops.", Ban.ReasonMaxLength);
        }

        int? days = null;
        if (!string.IsNullOrWhiteSpace(input.Days))
        {
            if (int.TryParse(input.Days.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1 and <= MaxDays)
            {
                days = parsed;
            }
            else
            {
                errors[nameof(BanInput.Days)] = SiteText.Format("Enter a whole number of days from 1 to {0}, or leave it empty for a ban without end.", MaxDays);
            }
        }

        var stored = kind is null ? null : await StoredValueAsync(kind.Value, value, cancellationToken);
        if (kind is not null && stored is null)
        {
            errors[nameof(BanInput.Value)] = kind switch
            {
                BanKind.Email => "Enter the email address to ban (up to 254 characters).",
                BanKind.Name => "Enter the name to ban (1–100 characters).",
                BanKind.Address => "Enter an IP address, or the client hash shown in the queue.",
                _ => "Enter a network in CIDR notation, such as 203.0.113.0/24 or 2001:db8::/48.",
            };
        }

        if (errors.Count > 0)
        {
            return new BanResult.Invalid(errors);
        }

        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var ban = new Ban
        {
            Kind = kind!.Value,
            Value = stored!,
            Reason = reason,
            Shadow = input.Shadow,
            CreatedUtc = nowUtc,
            CreatedBy = http.HttpContext?.User.FindFirstValue(ClaimTypes.Name) ?? "system",
            ExpiresUtc = days is null ? null : nowUtc.AddDays(days.Value),
        };
        db.Bans.Add(ban);
        await db.SaveChangesAsync(cancellationToken);

        // Marked as spam through the queue's own action: each audited, each restorable, the cached pages evicted.
        var removed = input.RemovePast ? await moderation.ApplyAsync(ModerationAction.Spam, await PastCommentsAsync(ban, cancellationToken), cancellationToken) : 0;
        ban.RemovedComments = removed;
        audit.Record("ban.create", Describe(ban), null, ban.Shadow ? "Shadow" : "Active");
        await db.SaveChangesAsync(cancellationToken);
        return new BanResult.Created(ban.Id, removed);
    }

    public async Task<bool> ExpireAsync(int id, CancellationToken cancellationToken)
    {
        var ban = await db.Bans.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        if (ban is null || !ban.IsActive(nowUtc))
        {
            return false;
        }

        ban.ExpiresUtc = nowUtc;
        audit.Record("ban.expire", Describe(ban), "Active", "Expired");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var ban = await db.Bans.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (ban is null)
        {
            return false;
        }

        db.Bans.Remove(ban);
        audit.Record("ban.delete", Describe(ban), ban.IsActive(clock.GetUtcNow().UtcDateTime) ? "Active" : "Expired", "Deleted");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The audit line: the kind and the reason, not the email or name (the ban list has them for as long as the ban exists).</summary>
    private static string Describe(Ban ban) => $"Ban #{ban.Id} by {ban.Kind.ToString().ToLowerInvariant()}: {ban.Reason}";

    /// <summary>What the ban row keeps: an email in lower case, a name as normalised, an address only as its salted hash, a network as typed.</summary>
    private async Task<string?> StoredValueAsync(BanKind kind, string value, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case BanKind.Email:
                return value.Length is > 0 and <= CommentValidator.EmailMaxLength && value.Contains('@', StringComparison.Ordinal) ? value.ToLowerInvariant() : null;
            case BanKind.Name:
                return value.Length is > 0 and <= CommentValidator.NameMaxLength ? value : null;
            case BanKind.Address:
                if (IPAddress.TryParse(value, out var address) && !value.Contains('/', StringComparison.Ordinal))
                {
                    return await fingerprint.HashAsync(address, cancellationToken);
                }

                // The hash the queue shows for a comment (a ban made from the queue).
                return value.Length == 32 && value.All(char.IsAsciiHexDigitLower) ? value : null;
            default:
                return IPNetwork.TryParse(value, out var network) ? network.ToString() : null;
        }
    }

    /// <summary>The author's earlier comments still visible or held; a network ban matches none (addresses are not stored).</summary>
    private async Task<List<int>> PastCommentsAsync(Ban ban, CancellationToken cancellationToken)
    {
        var comments = db.Comments.Where(c => c.Status == CommentStatus.Approved || c.Status == CommentStatus.Pending);
        var value = ban.Value.ToLowerInvariant();
        // Translated to SQL lower(): the culture-aware overloads the analyzers suggest cannot be.
#pragma warning disable CA1304, CA1311, CA1862
        comments = ban.Kind switch
        {
            BanKind.Email => comments.Where(c => c.AuthorEmail != null && c.AuthorEmail.ToLower() == value),
            BanKind.Name => comments.Where(c => c.AuthorName.ToLower() == value),
            BanKind.Address => comments.Where(c => c.ClientHash == ban.Value),
            _ => comments.Where(c => false),
        };
#pragma warning restore CA1304, CA1311, CA1862
        return await comments.Where(c => !c.IsStaffReply).Select(c => c.Id).ToListAsync(cancellationToken);
    }
}

public static class BansServiceExtensions
{
    public static IServiceCollection AddBans(this IServiceCollection services)
    {
        services.AddScoped<BanList>();
        return services;
    }
}
