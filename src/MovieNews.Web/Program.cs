using MovieNews.Web.Data;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Bans;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Discovery;
using MovieNews.Web.Features.Mail;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Reports;
using MovieNews.Web.Features.Seeding;
using MovieNews.Web.Features.Site;
using MovieNews.Web.Infrastructure;
using MovieNews.Web.Infrastructure.Caching;

var builder = WebApplication.CreateBuilder(args);

builder.AddReverseProxy();
builder.AddMovieNewsData();
builder.AddSharedState();
builder.Services.AddSite();
builder.Services.AddArticles();
builder.Services.AddComments(builder.Configuration);
builder.Services.AddReports();
builder.Services.AddBans();
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddSeeding(builder.Configuration);
builder.Services.AddDiscovery(builder.Configuration);
builder.Services.AddMail(builder.Configuration);
builder.AddMedia();
builder.Services.AddHealth();
builder.AddTelemetry();
builder.AddWebUi();
builder.AddRequestLimits();
builder.Services.AddReaderPageCache(builder.Configuration);

var app = builder.Build();

app.UseSiteLanguage();
app.UseReverseProxy();
app.UseErrorPages();
app.UseSecurityHeaders();
app.UseCrossOriginProtection();
app.UseRequestLimits();
app.UseRouting();
app.UseCanonicalAddresses();
app.UseUnlistedStaticFiles();
// A shared page is looked up only for requests without the sign-in cookie (ReaderPageCache.IsAnonymousRead), so a
// hit needs no authentication; a miss goes on through it as before.
app.UseOutputCache();
app.UseAuthentication();
app.UseAuthorization();
app.UseReaderPageCompression();
app.UseRateLimiter();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapCommentLikes();
app.MapDiscovery();
app.MapMedia();
app.MapHealth();
app.MapThemeChoice();

await app.InitializeDatabaseAsync();
if (await app.RunCommandAsync(args))
{
    return;
}

app.Run();
