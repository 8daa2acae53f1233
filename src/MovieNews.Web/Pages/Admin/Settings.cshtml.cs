using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Mail;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Pages.Admin;

public sealed class SettingsModel(
    ModerationSettings settings, AuditLog audit, MovieNewsDbContext db, MailOutbox outbox, OutboxSender sender, SiteTime siteTime, TimeProvider clock) : PageModel
{
    /// <summary>The time-zone name as chosen (kept as sent when refused).</summary>
    [BindProperty]
    public string? TimeZone { get; set; }

    /// <summary>"1 December 2026 at 14:30 CET": what the clock says in the site's zone.</summary>
    public string ZoneNow => siteTime.DateAndTime(clock.GetUtcNow().UtcDateTime);

    public bool MailEnabled => outbox.Enabled;

    /// <summary>Where the test message goes; the signed-in editor's own address at first.</summary>
    [BindProperty]
    public string? TestAddress { get; set; }

    public string? TestError { get; private set; }

    [BindProperty]
    public SettingsForm Input { get; set; } = new();

    public Dictionary<string, string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = SettingsForm.From(await settings.GetAsync(cancellationToken));
        TestAddress = User.Identity?.Name;
        TimeZone = siteTime.Zone.Id;
    }

    public async Task<IActionResult> OnPostSaveSiteAsync(CancellationToken cancellationToken)
    {
        Input = SettingsForm.From(await settings.GetAsync(cancellationToken));
        TestAddress = User.Identity?.Name;
        if (SiteTime.Find(TimeZone) is not { } zone)
        {
            Errors[nameof(TimeZone)] = SiteText.Get("Choose a time zone from the list (IANA names such as Europe/Berlin).");
            TimeZone = siteTime.Zone.Id;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var before = siteTime.Zone.Id;
        var setting = await db.SiteSettings.SingleOrDefaultAsync(s => s.Key == SiteTime.SettingKey, cancellationToken);
        if (setting is null)
        {
            db.SiteSettings.Add(new SiteSetting { Key = SiteTime.SettingKey, Value = zone.Id });
        }
        else
        {
            setting.Value = zone.Id;
        }

        audit.Record("settings.site", "Time zone", before, zone.Id);
        await db.SaveChangesAsync(cancellationToken);
        siteTime.Use(zone.Id);
        TempData["Message"] = SiteText.Format("Time zone saved: dates are now shown in {0}.", zone.Id);
        return Redirect("/admin/settings");
    }

    /// <summary>
    /// Queues a test message like any other (through the outbox) and sends the due messages at once, so the editor
    /// sees whether the SMTP server accepted it, or what it answered.
    /// </summary>
    public async Task<IActionResult> OnPostSendTestAsync(CancellationToken cancellationToken)
    {
        Input = SettingsForm.From(await settings.GetAsync(cancellationToken));
        TimeZone = siteTime.Zone.Id;
        var address = TestAddress?.Trim();
        if (!MailEnabled)
        {
            TestError = SiteText.Get("Mail is off: set Mail:Host (and the other Mail settings) first.");
        }
        else if (address is not { Length: > 2 and <= 254 } || !MimeKit.MailboxAddress.TryParse(address, out var parsed) || parsed.Address != address)
        {
            TestError = SiteText.Get("Enter one email address, like editor@example.com.");
        }

        if (TestError is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        const string Body = "This is a test message sent from the admin settings page by {0}. If you can read it, mail works.";
        var content = new MailContent(
            SiteText.Format("Test message from {0}", CommentNotices.SiteName),
            SiteText.Format(Body, User.Identity?.Name ?? string.Empty),
            CommentNotices.Html($"<p>{CommentNotices.E(SiteText.Format(Body, User.Identity?.Name ?? SiteText.Get("an editor")))}</p>"));
        await outbox.EnqueueAsync(MailKinds.Test, address!, content, dedupeKey: null, unsubscribeUrl: null, cancellationToken);
        audit.Record("mail.test", "Test message queued");
        await db.SaveChangesAsync(cancellationToken);
        var queued = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == MailKinds.Test).OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync(cancellationToken);
        await sender.SendDueAsync(cancellationToken);
        var result = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == queued, cancellationToken);
        TempData["Message"] = result.SentUtc is not null
            ? SiteText.Format("Test message sent: the mail server accepted it for {0}.", address!)
            : SiteText.Format("The test message is queued but the mail server has not accepted it yet ({0}). It will be retried.",
                result.LastError ?? SiteText.Get("another server instance is sending it"));
        return Redirect("/admin/settings");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        TimeZone = siteTime.Zone.Id;
        var current = await settings.GetAsync(cancellationToken);
        var updated = Input.ToOptions(current, Errors);
        if (updated is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await settings.SaveAsync(updated, cancellationToken);
        audit.Record("settings.moderation", "Moderation settings", Describe(current), Describe(updated));
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = SiteText.Get("Moderation settings saved. They apply to the next comment.");
        return Redirect("/admin/settings");
    }

    private static string Describe(ModerationOptions o) =>
        $"{(o.HoldAll ? "hold-all " : "")}{(o.HoldFirstComment ? "hold-first " : "")}links≥{o.LinkHoldThreshold}";
}

/// <summary>The settings form as posted: numbers as text, so a typo is re-shown rather than lost.</summary>
public sealed class SettingsForm
{
    public string? BlockedWords { get; set; }
    public string? LinkHoldThreshold { get; set; }
    public bool HoldFirstComment { get; set; }
    public bool HoldAll { get; set; }
    public string? MaxDepth { get; set; }
    public string? CommentsPerPage { get; set; }
    public string? CloseCommentsAfterDays { get; set; }

    public static SettingsForm From(ModerationOptions options) => new()
    {
        BlockedWords = string.Join("\n", options.BlockedWords),
        LinkHoldThreshold = options.LinkHoldThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
        HoldFirstComment = options.HoldFirstComment,
        HoldAll = options.HoldAll,
        MaxDepth = options.MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CommentsPerPage = options.CommentsPerPage.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CloseCommentsAfterDays = options.CloseCommentsAfterDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public ModerationOptions? ToOptions(ModerationOptions current, Dictionary<string, string> errors)
    {
        var links = Number(nameof(LinkHoldThreshold), LinkHoldThreshold, 0, 100, errors);
        var depth = Number(nameof(MaxDepth), MaxDepth, 1, 10, errors);
        var perPage = Number(nameof(CommentsPerPage), CommentsPerPage, 1, 500, errors);
        var closeAfter = Number(nameof(CloseCommentsAfterDays), CloseCommentsAfterDays, 0, 36_500, errors);
        var words = (BlockedWords ?? string.Empty)
            .Split(['\n', '\r', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (words.Count > 1000 || words.Any(w => w.Length > 50))
        {
            errors[nameof(BlockedWords)] = SiteText.Format("Use at most {0:N0} words of at most {1:N0} characters each.", 1000, 50);
        }

        return errors.Count > 0
            ? null
            : new ModerationOptions
            {
                FloodIntervalSeconds = current.FloodIntervalSeconds,
                DuplicateWindowMinutes = current.DuplicateWindowMinutes,
                BlockedWords = words,
                LinkHoldThreshold = links,
                HoldFirstComment = HoldFirstComment,
                HoldAll = HoldAll,
                MaxDepth = depth,
                CommentsPerPage = perPage,
                CloseCommentsAfterDays = closeAfter,
            };
    }

    private static int Number(string field, string? raw, int min, int max, Dictionary<string, string> errors)
    {
        if (int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[field] = SiteText.Format("Enter a whole number from {0} to {1}.", min, max);
        return min;
    }
}
