using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using NodaTime;

namespace MovieNews.IntegrationTests.Admin;

public sealed class BerlinFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Site:TimeZone"] = "Europe/Berlin" };
}

/// <summary>Scheduling in the site's zone across both daylight-saving changes of the coming year, whenever the tests run.</summary>
public sealed class SiteTimeZoneTests(BerlinFactory factory) : IClassFixture<BerlinFactory>
{
    private static readonly DateTimeZone _berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    /// <summary>The next change of the given direction at least two days from the test clock's now: the wall-clock hour it skips or repeats.</summary>
    private LocalDateTime NextChange(bool forward)
    {
        var from = Instant.FromDateTimeOffset(factory.Clock.GetUtcNow()).Plus(Duration.FromDays(2));
        var intervals = _berlin.GetZoneIntervals(from, from.Plus(Duration.FromDays(400))).ToList();
        for (var i = 1; i < intervals.Count; i++)
        {
            var (before, after) = (intervals[i - 1], intervals[i]);
            if ((after.WallOffset > before.WallOffset) == forward && after.WallOffset != before.WallOffset)
            {
                // Forward: the skipped hour starts where the old offset's wall clock ends. Back: the repeated hour
                // starts where the new offset's wall clock starts.
                return forward ? before.IsoLocalEnd : after.IsoLocalStart;
            }
        }

        throw new InvalidOperationException("Europe/Berlin has no change in the coming year.");
    }

    private static string Field(LocalDateTime local) => local.ToString("uuuu-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static Dictionary<string, string?> Scheduled(string slug, string publishAt, string? offset = null) => new()
    {
        ["Input.Title"] = $"Zoned {slug}",
        ["Input.Slug"] = slug,
        ["Input.Body"] = "Scheduled in Berlin.",
        ["Input.Status"] = "Scheduled",
        ["Input.PublishAt"] = publishAt,
        ["Input.PublishOffset"] = offset,
    };

    private async Task<DateTime?> StoredPublishTimeAsync(string slug)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        return await db.Articles.Where(a => a.Slug == slug).Select(a => a.PublishedUtc).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task A_time_typed_in_the_editor_is_read_in_the_site_zone_and_stored_in_UTC()
    {
        var client = await factory.SignedInAdminAsync();
        var summer = new LocalDateTime(factory.Clock.GetUtcNow().Year + 1, 7, 1, 9, 0);

        var response = await client.SubmitAsync("/admin/articles/edit", "#article-editor", Scheduled("zoned-summer", Field(summer)), "button[formaction*=Save]");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(summer.InZoneStrictly(_berlin).ToDateTimeUtc(), await StoredPublishTimeAsync("zoned-summer"));
        Assert.Equal(7, (await StoredPublishTimeAsync("zoned-summer"))!.Value.Hour);
    }

    [Fact]
    public async Task A_time_the_clocks_skip_in_spring_is_refused_with_what_happened_and_the_form_kept()
    {
        var client = await factory.SignedInAdminAsync();
        var skipped = NextChange(forward: true).PlusMinutes(30);

        var response = await client.SubmitAsync("/admin/articles/edit", "#article-editor", Scheduled("zoned-gap", Field(skipped)), "button[formaction*=Save]");
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("does not exist", page.QuerySelector("#publish-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("clocks go forward", page.QuerySelector("#publish-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Field(skipped), page.QuerySelector("#Input_PublishAt")!.GetAttribute("value"));
        Assert.Null(await StoredPublishTimeAsync("zoned-gap"));
    }

    [Fact]
    public async Task A_time_after_the_spring_change_is_stored_with_summer_time()
    {
        var client = await factory.SignedInAdminAsync();
        var afterGap = NextChange(forward: true).PlusMinutes(90);

        await client.SubmitAsync("/admin/articles/edit", "#article-editor", Scheduled("zoned-after-gap", Field(afterGap)), "button[formaction*=Save]");

        Assert.Equal(afterGap.InZoneStrictly(_berlin).ToDateTimeUtc(), await StoredPublishTimeAsync("zoned-after-gap"));
        Assert.Equal(Offset.FromHours(2), afterGap.InZoneStrictly(_berlin).Offset);
    }

    [Fact]
    public async Task A_time_the_clocks_pass_twice_in_autumn_asks_which_and_stores_the_one_chosen()
    {
        var client = await factory.SignedInAdminAsync();
        var twice = NextChange(forward: false).PlusMinutes(30);

        var asked = await client.SubmitAsync("/admin/articles/edit", "#article-editor", Scheduled("zoned-overlap", Field(twice)), "button[formaction*=Save]");
        var page = await HtmlClient.ParseAsync(asked);
        var choices = page.QuerySelectorAll("input[name='Input.PublishOffset']").Select(i => i.GetAttribute("value")).ToList();
        var labels = page.QuerySelectorAll("input[name='Input.PublishOffset']").Select(i => i.ParentElement!.TextContent).ToList();
        Assert.Equal(HttpStatusCode.BadRequest, asked.StatusCode);
        Assert.Contains("happens twice", page.QuerySelector("#publish-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["+02:00", "+01:00"], choices);
        Assert.Contains("CEST", labels[0], StringComparison.Ordinal);
        Assert.Contains("CET", labels[1], StringComparison.Ordinal);
        Assert.Null(await StoredPublishTimeAsync("zoned-overlap"));

        var saved = await client.SubmitAsync(page, "#article-editor", new Dictionary<string, string?> { ["Input.PublishOffset"] = "+01:00" }, "button[formaction*=Save]");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(_berlin.MapLocal(twice).Last().ToDateTimeUtc(), await StoredPublishTimeAsync("zoned-overlap"));
    }

    [Fact]
    public async Task An_article_set_in_the_repeated_hour_reopens_with_its_choice_and_saves_again_unchanged()
    {
        var client = await factory.SignedInAdminAsync();
        var twice = NextChange(forward: false).PlusMinutes(15);
        var saved = await client.SubmitAsync("/admin/articles/edit", "#article-editor", Scheduled("zoned-reopen", Field(twice), "+02:00"), "button[formaction*=Save]");
        var editUrl = saved.Headers.Location!.OriginalString;

        var page = await client.GetOkPageAsync(editUrl);
        var checkedChoice = page.QuerySelector("input[name='Input.PublishOffset'][checked]")?.GetAttribute("value");
        var again = await client.SubmitAsync(page, "#article-editor", null, "button[formaction*=Save]");

        Assert.Equal(Field(twice), page.QuerySelector("#Input_PublishAt")!.GetAttribute("value"));
        Assert.Equal("+02:00", checkedChoice);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(_berlin.MapLocal(twice).First().ToDateTimeUtc(), await StoredPublishTimeAsync("zoned-reopen"));
    }

    [Fact]
    public async Task A_scheduled_article_goes_live_at_the_zone_time_not_the_UTC_one()
    {
        var client = await factory.SignedInAdminAsync();
        var local = Instant.FromDateTimeOffset(factory.Clock.GetUtcNow()).InZone(_berlin).LocalDateTime.Date.PlusDays(3).At(new LocalTime(10, 0));
        await client.SubmitAsync("/admin/articles/edit", "#article-editor", Scheduled("zoned-goes-live", Field(local)), "button[formaction*=Save]");
        var dueUtc = local.InZoneLeniently(_berlin).ToDateTimeUtc();

        factory.Clock.Advance(dueUtc - factory.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(1));
        var before = await factory.CreateBrowserClient().GetAsync("/articles/zoned-goes-live");
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = await factory.CreateBrowserClient().GetAsync("/articles/zoned-goes-live");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task The_article_page_dates_it_in_the_site_zone_and_the_admin_list_names_the_abbreviation()
    {
        // 23:30 UTC on 31 December is already New Year's Day in Berlin.
        await factory.CreateArticleAsync("zoned-new-year", ArticleStatus.Published, new DateTime(2024, 12, 31, 23, 30, 0, DateTimeKind.Utc));
        var client = await factory.SignedInAdminAsync();

        var article = await factory.CreateBrowserClient().GetOkPageAsync("/articles/zoned-new-year");
        var list = await client.GetOkPageAsync("/admin/articles?q=zoned-new-year");

        Assert.Equal("1 January 2025", article.QuerySelector("article header .meta time")!.TextContent);
        Assert.Equal("2024-12-31T23:30:00Z", article.QuerySelector("article header .meta time")!.GetAttribute("datetime"));
        Assert.Contains("1 January 2025 at 00:30 CET", list.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_editor_labels_the_publish_time_with_the_site_zone()
    {
        var client = await factory.SignedInAdminAsync();

        var page = await client.GetOkPageAsync("/admin/articles/edit");

        Assert.Contains("Europe/Berlin", page.QuerySelector("label[for=Input_PublishAt]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", page.QuerySelector("label[for=Input_PublishAt]")!.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>Changing the zone on the settings page; a class of its own, since it changes what every page shows.</summary>
public sealed class SiteTimeZoneSettingTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    [Fact]
    public async Task Saving_a_zone_on_the_settings_page_changes_the_dates_on_cached_pages_at_once()
    {
        await factory.CreateArticleAsync("zone-switch", ArticleStatus.Published, new DateTime(2025, 1, 10, 23, 30, 0, DateTimeKind.Utc));
        var reader = factory.CreateBrowserClient();
        var inUtc = (await reader.GetOkPageAsync("/articles/zone-switch")).QuerySelector("article header .meta time")!.TextContent;
        var client = await factory.SignedInAdminAsync();

        var saved = await client.SubmitAsync("/admin/settings", "#site-form", new Dictionary<string, string?> { ["TimeZone"] = "Asia/Tokyo" });
        var inTokyo = (await reader.GetOkPageAsync("/articles/zone-switch")).QuerySelector("article header .meta time")!.TextContent;
        var settings = await client.GetOkPageAsync("/admin/settings");
        await client.SubmitAsync("/admin/settings", "#site-form", new Dictionary<string, string?> { ["TimeZone"] = "Etc/UTC" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("10 January 2025", inUtc);
        Assert.Equal("11 January 2025", inTokyo);
        Assert.Equal("Asia/Tokyo", settings.QuerySelector("#TimeZone option[selected]")!.TextContent);
        Assert.Contains("JST", settings.QuerySelector("#timezone-help")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zone_with_a_long_name_is_saved_and_recorded_in_the_audit_log()
    {
        var client = await factory.SignedInAdminAsync();

        var saved = await client.SubmitAsync("/admin/settings", "#site-form", new Dictionary<string, string?> { ["TimeZone"] = "America/Argentina/Buenos_Aires" });
        var settings = await client.GetOkPageAsync("/admin/settings");
        var audit = await client.GetOkPageAsync("/admin/audit");
        await client.SubmitAsync("/admin/settings", "#site-form", new Dictionary<string, string?> { ["TimeZone"] = "Etc/UTC" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("America/Argentina/Buenos_Aires", settings.QuerySelector("#TimeZone option[selected]")!.TextContent);
        Assert.Contains("America/Argentina/Buenos_Aires", audit.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    public async Task An_unknown_zone_is_refused_with_a_message_and_nothing_changes(string zone)
    {
        var client = await factory.SignedInAdminAsync();
        var before = (await client.GetOkPageAsync("/admin/settings")).QuerySelector("#TimeZone option[selected]")!.TextContent;

        var response = await client.SubmitAsync("/admin/settings", "#site-form", new Dictionary<string, string?> { ["TimeZone"] = zone });
        var page = await HtmlClient.ParseAsync(response);
        var after = (await client.GetOkPageAsync("/admin/settings")).QuerySelector("#TimeZone option[selected]")!.TextContent;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#timezone-error"));
        Assert.Equal(before, page.QuerySelector("#TimeZone option[selected]")!.TextContent);
        Assert.Equal(before, after);
    }
}
