using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace MovieNews.Web.Features.Site;

/// <summary>
/// The site's time zone: every date shown is in it, with its abbreviation, and every time an editor types is read in
/// it; storage stays UTC. NodaTime carries its own time-zone database, so names and abbreviations are the same on
/// every machine, whatever tzdata the operating system has.
/// </summary>
/// <remarks>
/// The zone editors saved on the settings page wins over <c>Site:TimeZone</c>; it is kept in memory (pages read it
/// on every render) and re-read from the database by <see cref="SiteSettingsRefresher"/>, so another instance picks a
/// change up within seconds.
/// </remarks>
public sealed class SiteTime
{
    public const string ConfigurationKey = "Site:TimeZone";
    public const string SettingKey = "site.timezone";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<CultureInfo, LocalDatePattern> _longDates = new();
    private static readonly LocalTimePattern _time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalDateTimePattern _inputValue = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");
    private static readonly LocalDateTimePattern[] _inputPatterns =
    [
        _inputValue,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss"),
    ];

    public const int MinYear = 1000;
    public const int MaxYear = 9000;

    private volatile DateTimeZone _zone;

    public SiteTime(IConfiguration configuration)
    {
        var configured = configuration[ConfigurationKey];
        Configured = string.IsNullOrWhiteSpace(configured)
            ? DateTimeZone.Utc
            : Find(configured) ?? throw new InvalidOperationException(
                $"{ConfigurationKey} is “{configured}”, which is not an IANA time-zone name (for example Europe/Berlin or America/New_York).");
        _zone = Configured;
    }

    /// <summary>The zone from configuration, used until an editor saves another.</summary>
    public DateTimeZone Configured { get; }

    public DateTimeZone Zone => _zone;

    /// <summary>Every name an editor may choose, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. DateTimeZoneProviders.Tzdb.Ids.Order(StringComparer.Ordinal)];

    public static DateTimeZone? Find(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > 64 ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(name.Trim());

    /// <summary>Takes the stored zone (or, with none stored or an unknown one, the configured zone).</summary>
    public void Use(string? storedName) => _zone = Find(storedName) ?? Configured;

    public ZonedDateTime InZone(DateTime utc) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(_zone);

    /// <summary>"1 December 2026", the date in the site's zone.</summary>
    public string LongDate(DateTime utc) => LongDate(InZone(utc).Date);

    /// <summary>The date in the page's language: "1 December 2026", "1. Dezember 2026" (the pattern is one of the site's words).</summary>
    public static string LongDate(LocalDate date)
    {
        var culture = CultureInfo.CurrentUICulture;
        var pattern = _longDates.GetOrAdd(culture, c => LocalDatePattern.Create(SiteText.Get("d MMMM uuuu"), c.Name.Length == 0 ? CultureInfo.InvariantCulture : c));
        return pattern.Format(date);
    }

    /// <summary>"1 December 2026 at 14:30 CET".</summary>
    public string DateAndTime(DateTime utc) => DateAndTime(InZone(utc));

    public static string DateAndTime(ZonedDateTime at) =>
        SiteText.Format("{0} at {1} {2}", LongDate(at.Date), _time.Format(at.TimeOfDay), Abbreviation(at));

    /// <summary>The zone's abbreviation at that moment ("CET", "EDT"); zones with none get their offset ("UTC+03").</summary>
    public static string Abbreviation(ZonedDateTime at)
    {
        var name = at.GetZoneInterval().Name;
        return name.Length > 0 && (name[0] is '+' or '-') ? "UTC" + name : name;
    }

    /// <summary>"UTC+02:00", "UTC−05:00", "UTC".</summary>
    public static string OffsetLabel(Offset offset)
    {
        if (offset == Offset.Zero)
        {
            return "UTC";
        }

        var text = offset.ToString("m", CultureInfo.InvariantCulture);
        return "UTC" + (text.StartsWith('-') ? "\u2212" + text[1..] : text);
    }

    /// <summary>The value for a <c>datetime-local</c> control: the moment as a wall-clock time in the site's zone.</summary>
    public string InputValue(DateTime utc) => _inputValue.Format(InZone(utc).LocalDateTime);

    /// <summary>The offset a stored moment has in the site's zone, as the form keeps it ("+02:00").</summary>
    public string OffsetValue(DateTime utc) => OffsetText(InZone(utc).Offset);

    public static string OffsetText(Offset offset) => offset.ToString("+HH:mm", CultureInfo.InvariantCulture);

    public static LocalDateTime? ParseInput(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
        {
            return null;
        }

        foreach (var pattern in _inputPatterns)
        {
            var result = pattern.Parse(text.Trim());
            if (result.Success)
            {
                // Years a publish time can mean; outside them a zone's offset could leave .NET's DateTime range.
                return result.Value.Year is >= MinYear and <= MaxYear ? result.Value : null;
            }
        }

        return null;
    }

    /// <summary>
    /// What a wall-clock time in the site's zone means. Across a daylight-saving change it may mean nothing (the
    /// clocks skipped it) or two moments (the clocks went back through it); <paramref name="chosenOffset"/> picks
    /// one of the two, and is ignored when the time is unambiguous.
    /// </summary>
    public LocalTimeResolution Resolve(LocalDateTime local, string? chosenOffset)
    {
        var mapping = _zone.MapLocal(local);
        switch (mapping.Count)
        {
            case 1:
                return new LocalTimeResolution.Exact(mapping.Single());
            case 0:
                var before = mapping.EarlyInterval;
                var after = mapping.LateInterval;
                var gapEnd = after.IsoLocalStart;
                return new LocalTimeResolution.Skipped(
                    gapEnd.PlusTicks(-(after.WallOffset - before.WallOffset).Ticks), gapEnd, mapping.Zone.AtLeniently(local));
            default:
                var first = mapping.First();
                var second = mapping.Last();
                foreach (var candidate in new[] { first, second })
                {
                    if (chosenOffset == OffsetText(candidate.Offset))
                    {
                        return new LocalTimeResolution.Exact(candidate);
                    }
                }

                return new LocalTimeResolution.Ambiguous(first, second);
        }
    }
}

public abstract record LocalTimeResolution
{
    private LocalTimeResolution()
    {
    }

    public sealed record Exact(ZonedDateTime At) : LocalTimeResolution;

    /// <summary>The clocks jumped from <paramref name="From"/> to <paramref name="To"/>: the time typed never happened.</summary>
    public sealed record Skipped(LocalDateTime From, LocalDateTime To, ZonedDateTime Suggested) : LocalTimeResolution;

    /// <summary>The clocks went back: the time happened twice.</summary>
    public sealed record Ambiguous(ZonedDateTime First, ZonedDateTime Second) : LocalTimeResolution;
}
