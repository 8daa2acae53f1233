using System.Net;
using AngleSharp.Dom;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.IntegrationTests.Admin;

public sealed class NamedFirstAdminFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Admin:DisplayName"] = "Editor in Chief",
    };
}

public sealed class NamedFirstAdminTests(NamedFirstAdminFactory factory) : IClassFixture<NamedFirstAdminFactory>
{
    [Fact]
    public async Task The_first_admin_signs_with_Admin_DisplayName()
    {
        Assert.Equal("Editor in Chief", (await factory.FindUserAsync(MovieNewsFactory.AdminEmail))!.DisplayName);
    }

    [Fact]
    public void An_email_as_Admin_DisplayName_stops_start_up_naming_the_setting()
    {
        using var emailNamed = new EmailNamedFirstAdminFactory();

        var error = Assert.Throws<InvalidOperationException>(() => emailNamed.CreateClient());

        Assert.Contains("Admin:DisplayName", error.Message, StringComparison.Ordinal);
        Assert.Contains(DisplayNames.EmailMessage, error.Message, StringComparison.Ordinal);
    }

    private sealed class EmailNamedFirstAdminFactory : MovieNewsFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Admin:DisplayName"] = AdminEmail,
        };
    }
}

/// <summary>Display names set by admins on the users page, by the create-user command, and for the first admin.</summary>
public sealed class StaffDisplayNameTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Password = "display name password";

    private static IElement RowOf(IDocument usersPage, string email) =>
        usersPage.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("td")!.TextContent == email);

    private static async Task<HttpResponseMessage> RenameAsync(HttpClient admin, string email, string displayName)
    {
        var page = await admin.GetOkPageAsync("/admin/users");
        var action = RowOf(page, email).QuerySelector("form[action*=Name]")!.GetAttribute("action");
        return await admin.SubmitAsync(page, $"form[action='{action}']", new Dictionary<string, string?> { ["DisplayName"] = displayName });
    }

    [Fact]
    public async Task Without_Admin_DisplayName_the_first_admin_signs_as_Staff_and_not_with_their_email()
    {
        Assert.Equal(DisplayNames.Default, (await factory.FindUserAsync(MovieNewsFactory.AdminEmail))!.DisplayName);
    }

    [Fact]
    public async Task An_admin_sets_a_users_display_name_on_the_users_page()
    {
        await factory.CreateStaffAsync("renamed@movienews.test", Password, Roles.Editor, "Before Rename");
        var admin = await factory.SignedInAdminAsync("198.18.2.1");

        var response = await RenameAsync(admin, "renamed@movienews.test", "Rosa Reviewer");
        var page = await admin.GetOkPageAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("renamed@movienews.test now signs as “Rosa Reviewer”", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Rosa Reviewer", RowOf(page, "renamed@movienews.test").QuerySelector("input[name=DisplayName]")!.GetAttribute("value"));
        Assert.Equal("Rosa Reviewer", (await factory.FindUserAsync("renamed@movienews.test"))!.DisplayName);
    }

    [Fact]
    public async Task An_admin_cannot_give_a_user_their_email_as_display_name()
    {
        await factory.CreateStaffAsync("not.a.name@movienews.test", Password, Roles.Editor, "Kept Name");
        var admin = await factory.SignedInAdminAsync("198.18.2.2");

        var response = await RenameAsync(admin, "not.a.name@movienews.test", "not.a.name@movienews.test");
        var page = await HtmlClient.ParseAsync(response);
        var row = RowOf(page, "not.a.name@movienews.test");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(DisplayNames.EmailMessage, row.QuerySelector(".field-error")!.TextContent);
        Assert.Equal("not.a.name@movienews.test", row.QuerySelector("input[name=DisplayName]")!.GetAttribute("value"));
        Assert.Equal("Kept Name", (await factory.FindUserAsync("not.a.name@movienews.test"))!.DisplayName);
    }

    [Fact]
    public async Task Adding_a_user_without_a_display_name_is_refused_beside_the_field_with_the_rest_kept()
    {
        var admin = await factory.SignedInAdminAsync("198.18.2.3");

        var response = await admin.SubmitAsync("/admin/users", "form[action*=Create]", new Dictionary<string, string?>
        {
            ["Email"] = "nameless@movienews.test",
            ["DisplayName"] = " ",
            ["Role"] = "Admin",
            ["Password"] = Password,
        });
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(DisplayNames.LengthMessage, page.QuerySelector("#DisplayName-error")!.TextContent);
        Assert.Equal("nameless@movienews.test", page.QuerySelector("#Email")!.GetAttribute("value"));
        Assert.Equal("Admin", page.QuerySelector("#Role option[selected]")!.GetAttribute("value"));
        Assert.Null(await factory.FindUserAsync("nameless@movienews.test"));
    }

    [Fact]
    public async Task A_user_added_on_the_users_page_signs_with_the_display_name_given()
    {
        var admin = await factory.SignedInAdminAsync("198.18.2.4");

        var response = await admin.SubmitAsync("/admin/users", "form[action*=Create]", new Dictionary<string, string?>
        {
            ["Email"] = "added.named@movienews.test",
            ["DisplayName"] = "Added Named",
            ["Role"] = "Editor",
            ["Password"] = Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Added Named", (await factory.FindUserAsync("added.named@movienews.test"))!.DisplayName);
    }

    [Fact]
    public async Task The_create_user_command_stores_the_name_given_with_name()
    {
        var output = new StringWriter();

        var exit = await CreateUserCommand.RunAsync(
            factory.Services, ["create-user", "--email", "cli.named@movienews.test", "--name", "Casey Columnist"], new StringReader(Password + "\n"), output);

        Assert.Equal(0, exit);
        Assert.Contains("Casey Columnist", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("Casey Columnist", (await factory.FindUserAsync("cli.named@movienews.test"))!.DisplayName);
    }

    [Fact]
    public async Task The_create_user_command_needs_a_name()
    {
        var output = new StringWriter();

        var exit = await CreateUserCommand.RunAsync(factory.Services, ["create-user", "--email", "cli.nameless@movienews.test"], new StringReader(Password + "\n"), output);

        Assert.Equal(2, exit);
        Assert.Contains("--name", output.ToString(), StringComparison.Ordinal);
        Assert.Null(await factory.FindUserAsync("cli.nameless@movienews.test"));
    }

    [Fact]
    public async Task The_create_user_command_refuses_an_email_as_the_name()
    {
        var output = new StringWriter();

        var exit = await CreateUserCommand.RunAsync(
            factory.Services, ["create-user", "--email", "cli.email@movienews.test", "--name", "cli.email@movienews.test"], new StringReader(Password + "\n"), output);

        Assert.Equal(1, exit);
        Assert.Contains(DisplayNames.EmailMessage, output.ToString(), StringComparison.Ordinal);
        Assert.Null(await factory.FindUserAsync("cli.email@movienews.test"));
    }
}
