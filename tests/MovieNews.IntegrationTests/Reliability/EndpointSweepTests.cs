using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using Xunit.Abstractions;

namespace MovieNews.IntegrationTests.Reliability;

/// <summary>
/// Every endpoint the app maps, every HTTP method, with no body, junk, an oversized body and a form carrying a valid
/// antiforgery token, anonymous and signed in: never a 5xx, and a 405 always says what is allowed.
/// </summary>
public sealed class EndpointSweepTests(MovieNewsFactory factory, ITestOutputHelper output) : IClassFixture<MovieNewsFactory>
{
    private static readonly string[] _methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"];

    [Fact]
    public async Task No_endpoint_answers_any_method_or_body_with_a_server_error()
    {
        var (addresses, handlerAddresses) = await AddressesAsync();
        var anonymous = factory.CreateBrowserClient("192.0.2.190");
        var admin = await factory.SignedInAdminAsync("192.0.2.191");
        var token = (await admin.GetOkPageAsync("/admin/settings")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var failures = new List<string>();
        var sent = 0;
        var plan = addresses.SelectMany(a => _methods.SelectMany(m => Bodies(m, token, every: true).Select(b => (Address: a, Method: m, b.Name, b.Body))))
            .Concat(handlerAddresses.SelectMany(a => new[] { "GET", "POST" }.SelectMany(m => Bodies(m, token, every: false).Select(b => (Address: a, Method: m, b.Name, b.Body)))));
        foreach (var (address, method, bodyName, body) in plan)
        {
            foreach (var (who, client) in new[] { ("anonymous", anonymous), ("admin", admin) })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), address) { Content = body() };
                var response = await client.SendAsync(request);
                sent++;
                var problem = (int)response.StatusCode >= 500 ? "server error"
                    : response.StatusCode == HttpStatusCode.MethodNotAllowed && !response.Content.Headers.Contains("Allow") ? "405 without Allow"
                    : null;
                if (problem is not null)
                {
                    failures.Add($"{method} {address} ({bodyName}, {who}): {(int)response.StatusCode} {problem}");
                }
            }

            // Signing out is one of the endpoints: sign back in, so the rest is still swept as staff.
            if (address.StartsWith("/account/logout", StringComparison.Ordinal))
            {
                admin = await factory.SignedInAdminAsync("192.0.2.191");
                token = (await admin.GetOkPageAsync("/admin/settings")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            }
        }

        output.WriteLine($"{addresses.Count} addresses and {handlerAddresses.Count} with a handler name, {sent} requests");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/tags")]
    [InlineData("/tags/romance")]
    [InlineData("/search?q=hearts")]
    public async Task A_post_with_a_valid_token_to_a_page_that_only_reads_answers_405_with_allow(string url)
    {
        var admin = await factory.SignedInAdminAsync("192.0.2.192");
        var token = (await admin.GetOkPageAsync("/admin/settings")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await admin.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/tags/romance")]
    [InlineData("/articles/will-there-be-a-purple-hearts-2/comments/1")]
    public async Task A_post_without_a_token_to_a_page_that_only_reads_answers_405_not_400(string url)
    {
        var response = await factory.CreateBrowserClient("192.0.2.195").PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "y" }));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_put_to_the_article_page_answers_405_naming_get_and_post()
    {
        var response = await factory.CreateBrowserClient("192.0.2.193").PutAsync("/articles/will-there-be-a-purple-hearts-2", new StringContent("x"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    /// <summary>Every kind of body for POST to a route; fewer for other unsafe methods and for handler names.</summary>
    private static IEnumerable<(string Name, Func<HttpContent?> Body)> Bodies(string method, string token, bool every)
    {
        yield return ("no body", () => null);
        if (method is "GET" or "HEAD" or "OPTIONS" or "TRACE")
        {
            yield break;
        }

        if (method == "POST" && every)
        {
            foreach (var body in PostBodies())
            {
                yield return body;
            }
        }

        yield return ("token and junk", () => new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Body"] = new string('>', 4000),
            ["Input.Title"] = "\u202Ejunk",
            ["Input.Status"] = "Nope",
            ["ids"] = "-1",
            ["id"] = "99999999999",
            ["bulk"] = "Explode",
            ["Email"] = "x",
        }));
    }

    private static IEnumerable<(string Name, Func<HttpContent?> Body)> PostBodies()
    {
        yield return ("junk form", () => new StringContent("a=%ZZ&&=&%E0%A4%A=1&Input.Body=" + new string('[', 3000), Encoding.UTF8, "application/x-www-form-urlencoded"));
        yield return ("binary", () => new ByteArrayContent([0xFF, 0xFE, 0x00, 0x01, 0x80]) { Headers = { { "Content-Type", "application/octet-stream" } } });
        yield return ("broken multipart", () => new StringContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb", Encoding.UTF8, "multipart/form-data"));
        yield return ("oversized form", () => new StringContent("a=" + new string('x', 300 * 1024), Encoding.UTF8, "application/x-www-form-urlencoded"));
    }

    /// <summary>Every mapped route with its parameters filled by something that exists, plus every page handler name.</summary>
    private async Task<(List<string> Routes, List<string> WithHandlers)> AddressesAsync()
    {
        var commentId = CommentQueries.CommentId((await factory.CreateBrowserClient("192.0.2.194").PostCommentAsync(
            "/articles/will-there-be-a-purple-hearts-2", CommentForms.Comment("For the sweep"))).Headers.Location!.OriginalString);
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var handlers = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => HandlerName(m.Name))
            .Where(n => n is { Length: > 0 })
            .Distinct()
            .ToList();
        var addresses = new SortedSet<string>(StringComparer.Ordinal);
        var withHandlers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart { Name: "slug" } => endpoint.RoutePattern.RawText!.StartsWith("tags", StringComparison.OrdinalIgnoreCase)
                    || endpoint.RoutePattern.RawText!.StartsWith("/tags", StringComparison.OrdinalIgnoreCase) ? "romance" : "will-there-be-a-purple-hearts-2",
                RoutePatternParameterPart { Name: "id" } when endpoint.RoutePattern.RawText!.Contains("comments", StringComparison.OrdinalIgnoreCase) => commentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RoutePatternParameterPart { Name: "code" } => "404",
                RoutePatternParameterPart => "1",
                _ => string.Empty,
            }))));
            addresses.Add(path);
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            {
                foreach (var handler in handlers)
                {
                    withHandlers.Add($"{path}?handler={handler}");
                }
            }
        }

        addresses.Remove(ThrowingEndpointStartupFilter.Path);
        return ([.. addresses], [.. withHandlers]);
    }

    private static string? HandlerName(string method)
    {
        foreach (var verb in new[] { "OnGet", "OnPost" })
        {
            if (method.StartsWith(verb, StringComparison.Ordinal))
            {
                var name = method[verb.Length..];
                return name.EndsWith("Async", StringComparison.Ordinal) ? name[..^"Async".Length] : name;
            }
        }

        return null;
    }
}
