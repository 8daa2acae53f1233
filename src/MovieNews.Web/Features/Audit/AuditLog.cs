using System.Security.Claims;
using MovieNews.Web.Data;

namespace MovieNews.Web.Features.Audit;

/// <summary>Adds entries to the context; they are saved with the change they describe, in the same SaveChanges.</summary>
public sealed class AuditLog(MovieNewsDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public void Record(string action, string subject, object? fromStatus = null, object? toStatus = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserName = http.HttpContext?.User.FindFirstValue(ClaimTypes.Name) ?? "system",
            Action = action,
            Subject = subject.Length > 300 ? subject[..300] : subject,
            FromStatus = fromStatus?.ToString(),
            ToStatus = toStatus?.ToString(),
        });
}
