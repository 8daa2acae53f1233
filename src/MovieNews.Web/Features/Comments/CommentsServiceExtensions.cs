using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Features.Comments;

public static class CommentsServiceExtensions
{
    public static IServiceCollection AddComments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModerationOptions>()
            .Bind(configuration.GetSection(ModerationOptions.Section))
            .Validate(o => o.MaxDepth >= 1 && o.CommentsPerPage >= 1 && o.FloodIntervalSeconds >= 0
                && o.DuplicateWindowMinutes >= 0 && o.LinkHoldThreshold >= 0,
                "Moderation settings: MaxDepth and CommentsPerPage must be at least 1; the other numbers at least 0.")
            .ValidateOnStart();
        services.AddSingleton<ModerationService>();
        services.AddSingleton<CommentPostLimiter>();
        services.AddSingleton<ClientFingerprint>();
        services.AddSingleton<PendingCommentsCookie>();
        services.AddSingleton<CommenterCookie>();
        services.AddSingleton<OwnCommentsCookie>();
        services.AddScoped<CommentEditing>();
        services.AddSingleton<CommenterContext>();
        services.AddScoped<CommentWriter>();
        services.AddScoped<ModerationSettings>();
        services.AddScoped<CommentModeration>();
        services.AddScoped<CommenterData>();
        services.AddScoped<CommentThreadReader>();
        services.AddSingleton<CommentAvatars>();
        services.AddSingleton<CommentPageCache>();
        services.AddSingleton<CommentLikeFlusher>();
        services.AddHostedService(provider => provider.GetRequiredService<CommentLikeFlusher>());
        return services;
    }
}
