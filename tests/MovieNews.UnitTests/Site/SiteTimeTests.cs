using Microsoft.Extensions.Configuration;
using MovieNews.Web.Features.Site;
using NodaTime;

namespace MovieNews.UnitTests.Site;

public sealed class SiteTimeTests
{
    private static SiteTime In(string? zone) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SiteTime.ConfigurationKey] = zone }).Build());

    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void Without_a_setting_the_site_runs_on_UTC()
    {
        Assert.Equal("1 December 2026 at 14:30 UTC", In(null).DateAndTime(Utc(2026, 12, 1, 14, 30)));
    }

    [Fact]
    public void The_default_zone_is_one_of_the_names_an_editor_can_choose()
    {
        Assert.Contains(In(null).Zone.Id, SiteTime.Names);
    }

    [Fact]
    public void An_unknown_zone_name_stops_the_start_with_a_message_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => In("Mars/Olympus_Mons"));

        Assert.Contains(SiteTime.ConfigurationKey, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Europe/Berlin", 1, "1 January 2027 at 13:00 CET")]
    [InlineData("Europe/Berlin", 7, "1 July 2027 at 14:00 CEST")]
    [InlineData("America/New_York", 1, "1 January 2027 at 07:00 EST")]
    [InlineData("America/New_York", 7, "1 July 2027 at 08:00 EDT")]
    [InlineData("Asia/Dubai", 1, "1 January 2027 at 16:00 UTC+04")]
    public void Dates_are_shown_in_the_zone_with_the_abbreviation_in_force_that_day(string zone, int month, string expected)
    {
        Assert.Equal(expected, In(zone).DateAndTime(Utc(2027, month, 1, 12, 0)));
    }

    [Fact]
    public void A_late_evening_in_UTC_is_the_next_day_east_of_it()
    {
        Assert.Equal("2 March 2027", In("Asia/Tokyo").LongDate(Utc(2027, 3, 1, 20, 0)));
    }

    [Fact]
    public void A_time_the_clocks_skip_in_spring_is_refused_with_the_gap_and_a_suggestion()
    {
        var berlin = In("Europe/Berlin");

        var skipped = Assert.IsType<LocalTimeResolution.Skipped>(berlin.Resolve(new LocalDateTime(2027, 3, 28, 2, 30), null));

        Assert.Equal(new LocalDateTime(2027, 3, 28, 2, 0), skipped.From);
        Assert.Equal(new LocalDateTime(2027, 3, 28, 3, 0), skipped.To);
        Assert.Equal(new LocalDateTime(2027, 3, 28, 3, 30), skipped.Suggested.LocalDateTime);
    }

    [Fact]
    public void A_time_the_clocks_pass_twice_in_autumn_gives_both_moments()
    {
        var berlin = In("Europe/Berlin");

        var twice = Assert.IsType<LocalTimeResolution.Ambiguous>(berlin.Resolve(new LocalDateTime(2027, 10, 31, 2, 30), null));

        Assert.Equal(Utc(2027, 10, 31, 0, 30), twice.First.ToDateTimeUtc());
        Assert.Equal(Utc(2027, 10, 31, 1, 30), twice.Second.ToDateTimeUtc());
        Assert.Equal("31 October 2027 at 02:30 CEST", SiteTime.DateAndTime(twice.First));
        Assert.Equal("31 October 2027 at 02:30 CET", SiteTime.DateAndTime(twice.Second));
    }

    [Theory]
    [InlineData("+02:00", 0)]
    [InlineData("+01:00", 1)]
    public void The_chosen_offset_picks_one_of_the_two_moments(string offset, int utcHour)
    {
        var exact = Assert.IsType<LocalTimeResolution.Exact>(In("Europe/Berlin").Resolve(new LocalDateTime(2027, 10, 31, 2, 30), offset));

        Assert.Equal(Utc(2027, 10, 31, utcHour, 30), exact.At.ToDateTimeUtc());
    }

    [Fact]
    public void An_offset_that_is_neither_moment_still_asks()
    {
        Assert.IsType<LocalTimeResolution.Ambiguous>(In("Europe/Berlin").Resolve(new LocalDateTime(2027, 10, 31, 2, 30), "-05:00"));
    }

    [Fact]
    public void An_ordinary_time_ignores_the_offset_field()
    {
        var exact = Assert.IsType<LocalTimeResolution.Exact>(In("Europe/Berlin").Resolve(new LocalDateTime(2027, 6, 1, 9, 0), "+01:00"));

        Assert.Equal(Utc(2027, 6, 1, 7, 0), exact.At.ToDateTimeUtc());
    }

    [Theory]
    [InlineData("2027-03-14T02:30")]
    [InlineData("2027-11-07T01:30")]
    public void New_York_has_its_own_changes(string local)
    {
        var resolution = In("America/New_York").Resolve(SiteTime.ParseInput(local)!.Value, null);

        Assert.IsNotType<LocalTimeResolution.Exact>(resolution);
    }

    [Fact]
    public void A_stored_moment_goes_back_into_the_form_as_the_same_wall_clock_time_and_offset()
    {
        var berlin = In("Europe/Berlin");
        var second = Utc(2027, 10, 31, 1, 30);

        Assert.Equal("2027-10-31T02:30", berlin.InputValue(second));
        Assert.Equal("+01:00", berlin.OffsetValue(second));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tomorrow")]
    [InlineData("2027-02-30T10:00")]
    [InlineData("2027-13-01T10:00")]
    [InlineData("10:00")]
    [InlineData("2027-01-01T25:00")]
    [InlineData("0000-06-01T00:00")]
    [InlineData("-0001-01-01T00:00")]
    [InlineData("9999-12-31T23:59")]
    [InlineData("0001-01-01T00:00")]
    public void Junk_is_not_a_time(string text)
    {
        Assert.Null(SiteTime.ParseInput(text));
    }

    [Fact]
    public void A_saved_zone_replaces_the_configured_one_and_an_unknown_saved_name_falls_back()
    {
        var time = In("Europe/Berlin");

        time.Use("America/New_York");
        var saved = time.Zone.Id;
        time.Use("Not/A_Zone");

        Assert.Equal("America/New_York", saved);
        Assert.Equal("Europe/Berlin", time.Zone.Id);
    }

    [Theory]
    [InlineData(-5, "UTC\u221205:00")]
    [InlineData(2, "UTC+02:00")]
    [InlineData(0, "UTC")]
    public void Offsets_read_as_UTC_plus_or_minus(int hours, string expected)
    {
        Assert.Equal(expected, SiteTime.OffsetLabel(Offset.FromHours(hours)));
    }
}
