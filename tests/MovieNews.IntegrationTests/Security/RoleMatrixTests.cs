using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.IntegrationTests.Security;

/// <summary>
/// Every handler of every admin page, for every role: allowed, or a plain 403. The handlers are found from the app
/// itself, so a page or handler added later fails here until it is given its place in the matrix.
/// </summary>
public sealed partial class RoleMatrixTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Password = "role matrix password";

    /// <summary>Who may use each page (by its path), with the handlers that need more than their page.</summary>
    private static readonly Dictionary<string, string[]> _pageRoles = new()
    {
        ["/Admin/Index"] = Roles.All,
        ["/Admin/Profile"] = Roles.All,
        ["/Admin/Articles/Index"] = Roles.All,
        ["/Admin/Articles/Edit"] = Roles.All,
        ["/Admin/Articles/Revision"] = Roles.All,
        ["/Admin/Media/Index"] = Roles.Publishers,
        ["/Admin/Media/Upload"] = Roles.Publishers,
        ["/Admin/Media/Details"] = Roles.Publishers,
        ["/Admin/Review/Index"] = Roles.Editors,
        ["/Admin/Review/Article"] = Roles.Editors,
        ["/Admin/Comments/Index"] = Roles.Editors,
        ["/Admin/Comments/Edit"] = Roles.Editors,
        ["/Admin/Comments/Reported"] = Roles.Editors,
        ["/Admin/Bans/Index"] = Roles.Editors,
        ["/Admin/Bans/New"] = Roles.Editors,
        ["/Admin/Audit"] = Roles.Editors,
        ["/Admin/Privacy"] = Roles.Editors,
        ["/Admin/Settings"] = [Roles.Admin],
        ["/Admin/Users/Index"] = [Roles.Admin],
    };

    private static readonly Dictionary<(string Page, string Handler), string[]> _handlerRoles = new()
    {
        [("/Admin/Media/Details", "PostDelete")] = Roles.Editors,
    };

    public static TheoryData<string> Identities => ["Admin", "Editor", "Author", "Contributor", "NoRole"];

    [Fact]
    public void Every_admin_page_has_its_place_in_the_matrix()
    {
        var unlisted = AdminHandlers().Select(h => h.Page).Distinct().Where(p => !_pageRoles.ContainsKey(p)).ToList();
        Assert.Empty(unlisted);
        Assert.True(AdminHandlers().Count > 40, "The handlers were not found.");
    }

    [Theory]
    [MemberData(nameof(Identities))]
    public async Task Each_role_reaches_its_handlers_and_gets_403_from_the_rest(string identity)
    {
        var client = await ClientAsync(identity);
        var token = await TokenAsync(client, identity);
        var wrong = new List<string>();
        foreach (var handler in AdminHandlers())
        {
            var allowed = (_handlerRoles.TryGetValue((handler.Page, handler.Method + handler.Name), out var roles) ? roles : _pageRoles[handler.Page]).Contains(identity);
            var response = await SendAsync(client, handler, token);
            var status = response.StatusCode;
            if ((int)status >= 500 || (allowed ? status == HttpStatusCode.Forbidden : status != HttpStatusCode.Forbidden))
            {
                wrong.Add($"{handler.Method} {handler.Url} ({handler.Name}): {(int)status}, expected {(allowed ? "allowed" : "403")}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_handler()
    {
        var client = factory.CreateBrowserClient("198.51.100.90");
        foreach (var handler in AdminHandlers())
        {
            var response = await SendAsync(client, handler, token: null);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal),
                $"{handler.Method} {handler.Url}: {(int)response.StatusCode}");
        }
    }

    private async Task<HttpClient> ClientAsync(string identity)
    {
        if (identity == "Admin")
        {
            return await factory.SignedInAdminAsync("198.51.100.91");
        }

        var email = $"matrix.{identity.ToLowerInvariant()}@movienews.test";
        if (await factory.FindUserAsync(email) is null)
        {
            if (identity == "NoRole")
            {
                await factory.CreateUserAsync(email, Password, role: null);
            }
            else
            {
                await factory.CreateStaffAsync(email, Password, identity, $"Matrix {identity}");
            }
        }

        return await factory.SignedInAsync(email, Password, $"198.51.100.{92 + Array.IndexOf(Roles.All, identity) + 1}");
    }

    /// <summary>An antiforgery token for the account, from a form it can see (a role-less account sees none: its posts are refused first).</summary>
    private static async Task<string?> TokenAsync(HttpClient client, string identity)
    {
        if (identity == "NoRole")
        {
            return null;
        }

        var page = await client.GetOkPageAsync("/admin/profile");
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, AdminHandler handler, string? token)
    {
        var url = handler.Name.Length == 0 ? handler.Url : $"{handler.Url}?handler={handler.Name}";
        if (handler.Method == "Get")
        {
            return await client.GetAsync(url);
        }

        var fields = token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private sealed record AdminHandler(string Page, string Url, string Method, string Name);

    private List<AdminHandler> AdminHandlers()
    {
        var sources = factory.Services.GetRequiredService<EndpointDataSource>();
        var handlers = new List<AdminHandler>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page || !page.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal))
            {
                continue;
            }

            var url = "/" + RouteParameter().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "999999").Replace("/999999?", "", StringComparison.Ordinal);
            var model = typeof(Program).Assembly.GetType("MovieNews.Web.Pages" + page.ViewEnginePath.Replace('/', '.') + "Model")
                ?? throw new InvalidOperationException($"No page model for {page.ViewEnginePath}");
            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (HandlerMethod().Match(method.Name) is { Success: true } match)
                {
                    handlers.Add(new(page.ViewEnginePath, url.TrimEnd('/').Length == 0 ? "/" : url.TrimEnd('/'), match.Groups[1].Value, match.Groups[2].Value));
                }
            }
        }

        return handlers;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"^On(Get|Post)(\w*?)(?:Async)?$")]
    private static partial Regex HandlerMethod();
}
