using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;

namespace MovieNews.Web.Features.Site;

/// <summary>
/// Keeps the in-memory site settings (<see cref="SiteTime"/>) in step with the database: read at start, after a
/// save here, and every few seconds, so a change saved on another instance reaches this one too.
/// </summary>
public sealed class SiteSettingsRefresher(IServiceScopeFactory scopes, SiteTime time, ILogger<SiteSettingsRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public async Task RefreshAsync(MovieNewsDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.SiteSettings.AsNoTracking()
            .Where(s => s.Key == SiteTime.SettingKey)
            .Select(s => s.Value)
            .SingleOrDefaultAsync(cancellationToken);
        time.Use(stored);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RefreshAsync(scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database away for a moment: keep the settings in force and try again at the next tick.
                logger.LogWarning(e, "Could not re-read the site settings");
            }
        }
    }
}
