using MovieNews.Web.Features.Discovery;

namespace MovieNews.Web.Features.Mail;

public static class MailServiceExtensions
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.Section))
            .Validate(o => o.IsValid(out _), "Mail settings are not valid: see README's settings table.")
            // Links in mail cannot come from a request (a forged Host would send readers elsewhere): they need the configured address.
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(configuration[SiteUrls.Setting]), $"Mail:Host is set: set {SiteUrls.Setting} too, the address links in e-mails point to.")
            .ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<SubscriptionTokens>();
        services.AddSingleton<HeldCommentDigest>();
        services.AddHostedService<OutboxWorker>();
        services.AddScoped<MailOutbox>();
        services.AddScoped<CommentNotices>();
        return services;
    }
}
