using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MovieNews.IntegrationTests.Support;

/// <summary>Adds <c>/__throw</c> at the end of the app's pipeline, so tests can watch an unhandled exception being handled.</summary>
internal sealed class ThrowingEndpointStartupFilter : IStartupFilter
{
    public const string Path = "/__throw";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((HttpContext context, RequestDelegate following) =>
            context.Request.Path == Path
                ? throw new InvalidOperationException("Secret internal detail")
                : following(context));
    };
}
