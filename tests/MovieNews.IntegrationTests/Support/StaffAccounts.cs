using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.IntegrationTests.Support;

/// <summary>Staff accounts with a display name of the test's choosing, and reads of what an account has stored.</summary>
public static class StaffAccounts
{
    public static async Task CreateStaffAsync(this MovieNewsFactory factory, string email, string password, string role, string displayName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EditorUser>>();
        var user = new EditorUser { UserName = email, Email = email, DisplayName = displayName };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        await users.AddToRoleAsync(user, role);
    }

    /// <summary>A browser of its own, signed in as the given account.</summary>
    public static async Task<HttpClient> SignedInAsync(this MovieNewsFactory factory, string email, string password, string address)
    {
        var client = factory.CreateBrowserClient(address);
        var response = await client.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<EditorUser?> FindUserAsync(this MovieNewsFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<EditorUser>>().FindByEmailAsync(email);
    }

    public static async Task<bool> PasswordWorksAsync(this MovieNewsFactory factory, string email, string password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EditorUser>>();
        return await users.FindByEmailAsync(email) is { } user && await users.CheckPasswordAsync(user, password);
    }
}
