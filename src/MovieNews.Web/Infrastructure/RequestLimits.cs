using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Media;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// Size limits for what clients send, and the translation of the failures that limits and storage produce
/// into honest status codes: 413 for too large, 400 for malformed, 503 when the database cannot take a write.
/// </summary>
public static class RequestLimits
{
    /// <summary>A comment is at most 10,000 characters; a quarter of a megabyte leaves room for any encoding of it.</summary>
    public const long MaxFormBodyBytes = 256 * 1024;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 10 * 1024 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = 200;
            form.KeyLengthLimit = 200;
            form.ValueLengthLimit = (int)MaxFormBodyBytes;
            form.MultipartBodyLengthLimit = MaxFormBodyBytes;
        });
        return builder;
    }

    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && !IsUsableHost(context.Request.Headers.Host.ToString()))
            {
                StatusMessages.Explain(context, "The Host header of this request is not a host name this site can answer for.");
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            // A re-executed error page carries the original POST: it must not be refused again.
            var upload = MediaUploads.IsUpload(context.Request);
            var maxBody = upload ? MediaUploads.MaxRequestBytes(context) : MaxFormBodyBytes;
            if (HttpMethods.IsPost(context.Request.Method) && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
            {
                if (context.Request.ContentLength > maxBody)
                {
                    if (upload)
                    {
                        StatusMessages.Explain(context, MediaUploads.TooLargeMessage(context));
                    }

                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }

                // A chunked body has no length up front: the server stops reading at the same limit.
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                {
                    limit.MaxRequestBodySize = maxBody;
                }
            }

            try
            {
                // An upload is read only after the sign-in check, by its page (which cleans its text fields itself).
                if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && !upload)
                {
                    await NulCharacters.RemoveAsync(context);
                }

                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && StatusFor(e) is { } status)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(RequestLimits))
                    .LogWarning(e, "Answered {Status} for {Method} {Path}", status, context.Request.Method, context.Request.Path);
                context.Response.Clear();
                context.Response.StatusCode = status;
                if (status == StatusCodes.Status503ServiceUnavailable)
                {
                    context.Response.Headers.RetryAfter = "30";
                    // Pooled connections may have been opened while the fault lasted (read-only, say):
                    // drop them so the first request after the fault is fixed gets a healthy connection.
                    DatabaseProviders.ClearPools();
                }
            }
        });
        return app;
    }

    private static string? _lastUsableHost;

    /// <summary>
    /// A host that makes a valid absolute address (no bad IDN label such as "xn--", no port past 65535): caches
    /// and absolute links are built from it. Most requests carry the same host, so one is remembered.
    /// </summary>
    /// <remarks>Read from the header itself: <c>HttpRequest.Host</c> throws on a bad IDN label.</remarks>
    public static bool IsUsableHost(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        if (value == Volatile.Read(ref _lastUsableHost))
        {
            return true;
        }

        try
        {
            if (!Uri.TryCreate($"http://{HostString.FromUriComponent(value).ToUriComponent()}/", UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            {
                return false;
            }
        }
        catch (ArgumentException)
        {
            return false;
        }

        Volatile.Write(ref _lastUsableHost, value);
        return true;
    }

    private static int? StatusFor(Exception e) => e switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest,
        StoredValueTooLongException => StatusCodes.Status400BadRequest,
        Features.Rendering.MarkdownTooDeepException => StatusCodes.Status400BadRequest,
        _ when DatabaseProviders.IsStorageFault(e) => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };
}
