using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// Razor Pages run a page even when it has no handler for the request's method (a POST to a page that only
/// reads), leaving its model empty: that was a NullReferenceException and a 500. Such a request is answered 405
/// with the methods the page does take — as an authorization filter, before the antiforgery check would answer a
/// vaguer 400 — and a handler name the page does not have is a 404.
/// </summary>
public sealed class UnsupportedMethods : IAsyncAuthorizationFilter, IAsyncPageFilter
{
    public Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (context.ActionDescriptor is not CompiledPageActionDescriptor page || IsReExecution(http))
        {
            return Task.CompletedTask;
        }

        var method = http.Request.Method;
        var readsOnly = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var handlers = page.HandlerMethods;
        if ((readsOnly && handlers.Count == 0) || handlers.Any(h => string.Equals(h.HttpMethod, readsOnly ? "Get" : method, StringComparison.OrdinalIgnoreCase)))
        {
            return Task.CompletedTask;
        }

        var allowed = handlers.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct().ToList();
        if (allowed.Contains("GET"))
        {
            allowed.Add("HEAD");
        }

        http.Response.Headers[HeaderNames.Allow] = string.Join(", ", allowed);
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        return Task.CompletedTask;
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var readsOnly = HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method);
        if (context.HandlerMethod is null && !IsReExecution(context.HttpContext) && !(readsOnly && context.ActionDescriptor.HandlerMethods.Count == 0))
        {
            // The page takes this method, but not under the handler name asked for.
            context.Result = new NotFoundResult();
            return;
        }

        await next();
    }

    /// <summary>The error and status pages answer whatever request failed, in its own method.</summary>
    private static bool IsReExecution(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerPathFeature>() is not null;
}
