using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Web.Features.Articles;

/// <summary>
/// What one editor's preview may cost: the same size limit as a save, a time limit on the render, and a rate
/// per signed-in user, so the live preview (a request per pause in typing) cannot be turned into a load test.
/// </summary>
public static class PreviewBudget
{
    public const string RateLimit = "preview";
    public const int MaxBodyLength = 200_000;
    public const string TooLongMessage = "The article can be at most 200,000 characters.";
    public const int PreviewsPerMinute = 120;
    private static readonly TimeSpan _renderTimeLimit = TimeSpan.FromSeconds(3);

    public sealed record Problem(int Status, string Message);

    public static async Task<(SafeHtml? Html, Problem? Problem)> RenderAsync(MarkdownRenderer renderer, string? markdown, CancellationToken cancellationToken)
    {
        markdown ??= string.Empty;
        if (markdown.Length > MaxBodyLength)
        {
            return (null, new Problem(StatusCodes.Status413PayloadTooLarge, TooLongMessage));
        }

        try
        {
            return (await Task.Run(() => renderer.RenderArticle(markdown), cancellationToken).WaitAsync(_renderTimeLimit, cancellationToken), null);
        }
        catch (MarkdownTooDeepException)
        {
            return (null, new Problem(StatusCodes.Status400BadRequest, MarkdownTooDeepException.UserMessage));
        }
        catch (TimeoutException)
        {
            return (null, new Problem(StatusCodes.Status503ServiceUnavailable, "The preview took too long to render. Save the article to see it, or shorten the text."));
        }
    }

    /// <summary>
    /// Razor Pages take rate limits per page, not per handler: the editor page carries the policy, and only its
    /// two preview handlers count against it (saving is never limited).
    /// </summary>
    public static IServiceCollection AddPreviewBudget(this IServiceCollection services) =>
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(RateLimit, context => !IsPreview(context.Request)
            ? RateLimitPartition.GetNoLimiter("not-a-preview")
            : RateLimitPartition.GetSlidingWindowLimiter(
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? Infrastructure.ClientAddress.KeyOf(context.Connection.RemoteIpAddress),
                _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = PreviewsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                })));

    private static bool IsPreview(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.RouteValues["handler"]?.ToString() ?? request.Query["handler"].ToString()) is var handler
        && (handler.Equals("Preview", StringComparison.OrdinalIgnoreCase) || handler.Equals("Render", StringComparison.OrdinalIgnoreCase));
}
