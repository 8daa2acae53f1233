using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, EF Core, runtime, and the site's own meter), exported to the
/// console or over OTLP when <c>Telemetry:Exporter</c> says so; off by default.
/// </summary>
public static class Telemetry
{
    public const string MeterName = "MovieNews";

    private static readonly Meter _meter = new(MeterName);

    /// <summary>Comments stored, tagged with their verdict (approved, pending, spam).</summary>
    public static readonly Counter<long> CommentsPosted = _meter.CreateCounter<long>("movienews.comments.posted", description: "Comments stored, by verdict");
    public static readonly Counter<long> MailsSent = _meter.CreateCounter<long>("movienews.mail.sent", description: "Messages the SMTP server accepted from the outbox, by kind");

    /// <summary>Comment posts refused before storage, tagged with the reason (invalid, duplicate, flood, closed).</summary>
    public static readonly Counter<long> CommentsRefused = _meter.CreateCounter<long>("movienews.comments.refused", description: "Comment posts refused, by reason");

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var exporter = builder.Configuration["Telemetry:Exporter"]?.Trim().ToLowerInvariant();
        if (exporter is null or "" or "none")
        {
            return builder;
        }

        var otlp = builder.Configuration["Telemetry:OtlpEndpoint"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("MovieNews"))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddEntityFrameworkCoreInstrumentation();
                _ = exporter == "otlp"
                    ? tracing.AddOtlpExporter(o => { if (otlp is not null) { o.Endpoint = new Uri(otlp); } })
                    : tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(MeterName);
                _ = exporter == "otlp"
                    ? metrics.AddOtlpExporter(o => { if (otlp is not null) { o.Endpoint = new Uri(otlp); } })
                    : metrics.AddConsoleExporter();
            });
        return builder;
    }
}
