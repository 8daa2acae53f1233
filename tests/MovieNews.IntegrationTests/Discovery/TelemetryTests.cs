using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Infrastructure;
using OpenTelemetry.Trace;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Discovery;

public sealed class ConsoleTelemetryFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Telemetry:Exporter"] = "console" };
}

public sealed class TelemetryTests(ConsoleTelemetryFactory factory) : IClassFixture<ConsoleTelemetryFactory>
{
    [Fact]
    public void Tracing_is_on_when_an_exporter_is_configured() =>
        Assert.NotNull(factory.Services.GetService<TracerProvider>());

    [Fact]
    public void Tracing_is_off_by_default()
    {
        using var plain = new MovieNewsFactory();

        Assert.Null(plain.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Comment_posts_are_counted_by_verdict_and_refusal_reason()
    {
        var measurements = new ConcurrentBag<(string Instrument, long Value, string Tag)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Telemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();
        await factory.CreateArticleAsync("counted", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var client = factory.CreateBrowserClient("203.0.113.140");

        await client.PostCommentAsync("/articles/counted", Comment("Counted once"));
        await client.PostCommentAsync("/articles/counted", Comment(""));

        Assert.Contains(measurements, m => m.Instrument == "movienews.comments.posted" && m.Tag == "verdict=approved");
        Assert.Contains(measurements, m => m.Instrument == "movienews.comments.refused" && m.Tag == "reason=invalid");
    }
}
