using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.IntegrationTests.Support;

public static class Staff
{
    public static async Task<HttpClient> SignedInAdminAsync(this MovieNewsFactory factory, string address = "203.0.113.1")
    {
        var client = factory.CreateBrowserClient(address);
        var response = await client.SignInAsync(MovieNewsFactory.AdminEmail, MovieNewsFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password) =>
        await client.SubmitAsync("/account/login", "form", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });

    /// <summary>Creates a user directly; role null means an account with no role at all.</summary>
    public static async Task CreateUserAsync(this MovieNewsFactory factory, string email, string password, string? role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EditorUser>>();
        var user = new EditorUser { UserName = email, Email = email, DisplayName = email.Split('@')[0] };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        if (role is not null)
        {
            await users.AddToRoleAsync(user, role);
        }
    }
}
