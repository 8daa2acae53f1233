using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MovieNews.Web.Data;

namespace MovieNews.Web.Features.Moderation;

/// <summary>
/// The moderation settings in force: what editors saved on the settings page (kept in the database, so every
/// app instance sees a change at once, without a restart), or the <c>Moderation</c> configuration section
/// until they save.
/// </summary>
public sealed class ModerationSettings(MovieNewsDbContext db, IOptionsMonitor<ModerationOptions> defaults)
{
    public const string Key = "moderation.settings";

    private ModerationOptions? _read;

    /// <summary>Read once per request (this service is scoped): a page and the comment writer ask for the same settings.</summary>
    public async Task<ModerationOptions> GetAsync(CancellationToken cancellationToken) => _read ??= await ReadAsync(cancellationToken);

    private async Task<ModerationOptions> ReadAsync(CancellationToken cancellationToken)
    {
        var stored = await db.SiteSettings.AsNoTracking()
            .Where(s => s.Key == Key)
            .Select(s => s.Value)
            .SingleOrDefaultAsync(cancellationToken);
        return (stored is null ? null : JsonSerializer.Deserialize<ModerationOptions>(stored)) ?? Copy(defaults.CurrentValue);
    }

    public async Task SaveAsync(ModerationOptions options, CancellationToken cancellationToken)
    {
        _read = null;
        var json = JsonSerializer.Serialize(options);
        var setting = await db.SiteSettings.SingleOrDefaultAsync(s => s.Key == Key, cancellationToken);
        if (setting is null)
        {
            db.SiteSettings.Add(new SiteSetting { Key = Key, Value = json });
        }
        else
        {
            setting.Value = json;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static ModerationOptions Copy(ModerationOptions options) =>
        JsonSerializer.Deserialize<ModerationOptions>(JsonSerializer.Serialize(options))!;
}
