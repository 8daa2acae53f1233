using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Net.Http.Headers;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// Razor Pages run a page even when it has no handler for the request's method (a POST to a page that only
/// reads), leaving its model empty: that was a NullReferenceException and a 500. Such a request is answered
/// 405 with the methods the page does take; a handler name the page does not have is a 404.
/// </summary>
public sealed class UnsupportedMethods : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var handlers = context.ActionDescriptor.HandlerMethods;
        var method = context.HttpContext.Request.Method;
        var readsOnly = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        // The error and status pages answer whatever request failed, in its own method.
        var reExecuted = context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        if (context.HandlerMethod is not null || reExecuted || (readsOnly && handlers.Count == 0))
        {
            await next();
            return;
        }

        if (handlers.Any(h => string.Equals(h.HttpMethod, readsOnly ? "Get" : method, StringComparison.OrdinalIgnoreCase)))
        {
            context.Result = new NotFoundResult();
            return;
        }

        var allowed = handlers.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct().ToList();
        if (allowed.Contains("GET"))
        {
            allowed.Add("HEAD");
        }

        context.HttpContext.Response.Headers[HeaderNames.Allow] = string.Join(", ", allowed);
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }
}
