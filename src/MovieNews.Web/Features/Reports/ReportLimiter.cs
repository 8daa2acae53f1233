using MovieNews.Web.Infrastructure;

namespace MovieNews.Web.Features.Reports;

/// <summary>
/// How many reports one client may send, on any comments: each comment counts a client once anyway, so this stops
/// one client from reporting a whole thread (or sending costly refusals) in a burst.
/// </summary>
public sealed class ReportLimiter(IConfiguration configuration)
    : ClientTokenBucket(configuration, "Comments:ReportsPerHour", 10, "Comments:ReportsWindowSeconds", 3600);
