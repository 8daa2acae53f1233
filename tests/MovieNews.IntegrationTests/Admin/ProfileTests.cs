using System.Net;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.IntegrationTests.Admin;

public sealed class ProfileTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Password = "profile password 1";

    /// <summary>An editor of the test's own (each test passes its own email), signed in from an address of its own.</summary>
    private async Task<HttpClient> EditorAsync(string email, string address, string displayName = "Original Name")
    {
        await factory.CreateStaffAsync(email, Password, Roles.Editor, displayName);
        return await factory.SignedInAsync(email, Password, address);
    }

    public static TheoryData<string, string> BadDisplayNames() => new()
    {
        { "", DisplayNames.LengthMessage },
        { "   ", DisplayNames.LengthMessage },
        { new string('n', 101), DisplayNames.LengthMessage },
        { "refused.name@movienews.test", DisplayNames.EmailMessage },
        { "someone.else@example.com", DisplayNames.EmailMessage },
        { "Dana @ MovieNews", DisplayNames.EmailMessage },
    };

    [Fact]
    public async Task The_admin_navigation_links_to_the_profile_page()
    {
        var editor = await EditorAsync("nav.link@movienews.test", "198.18.1.1");

        var dashboard = await editor.GetOkPageAsync("/admin");

        Assert.NotNull(dashboard.QuerySelector(".admin-nav a[href='/admin/profile']"));
    }

    [Fact]
    public async Task An_editor_sets_their_display_name_on_the_profile_page()
    {
        var editor = await EditorAsync("sets.name@movienews.test", "198.18.1.2");

        var response = await editor.SubmitAsync("/admin/profile", "#name-form", new Dictionary<string, string?> { ["DisplayName"] = "  Dana   Critic " });
        var page = await editor.GetOkPageAsync("/admin/profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/profile", response.Headers.Location!.OriginalString);
        Assert.Contains("you now sign as “Dana Critic”", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Dana Critic", page.QuerySelector("#DisplayName")!.GetAttribute("value"));
        Assert.Equal("Dana Critic", (await factory.FindUserAsync("sets.name@movienews.test"))!.DisplayName);
    }

    [Theory]
    [MemberData(nameof(BadDisplayNames))]
    public async Task A_bad_display_name_is_re_shown_with_a_message_beside_the_field_and_not_saved(string typed, string message)
    {
        var email = $"refused{Math.Abs(typed.GetHashCode(StringComparison.Ordinal))}@movienews.test";
        var editor = await EditorAsync(email, "198.18.1.3");

        var response = await editor.SubmitAsync("/admin/profile", "#name-form", new Dictionary<string, string?> { ["DisplayName"] = typed });
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, page.QuerySelector("#DisplayName-error")!.TextContent);
        // A blank field comes back blank (the model binder turns whitespace into null); anything else exactly as typed.
        Assert.Equal(string.IsNullOrWhiteSpace(typed) ? null : typed, page.QuerySelector("#DisplayName")!.GetAttribute("value"));
        Assert.Equal("Original Name", (await factory.FindUserAsync(email))!.DisplayName);
    }

    [Fact]
    public async Task The_accounts_own_email_is_refused_as_its_display_name()
    {
        var editor = await EditorAsync("own.email@movienews.test", "198.18.1.4");

        var response = await editor.SubmitAsync("/admin/profile", "#name-form", new Dictionary<string, string?> { ["DisplayName"] = "own.email@movienews.test" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(DisplayNames.EmailMessage, (await HtmlClient.ParseAsync(response)).QuerySelector("#DisplayName-error")!.TextContent);
        Assert.Equal("Original Name", (await factory.FindUserAsync("own.email@movienews.test"))!.DisplayName);
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_browser_signed_in_and_signs_out_the_others()
    {
        var editor = await EditorAsync("changes.password@movienews.test", "198.18.1.5");
        var otherBrowser = await factory.SignedInAsync("changes.password@movienews.test", Password, "198.18.1.6");

        var response = await editor.SubmitAsync("/admin/profile", "#password-form", new Dictionary<string, string?>
        {
            ["CurrentPassword"] = Password,
            ["NewPassword"] = "a brand new passphrase",
            ["ConfirmPassword"] = "a brand new passphrase",
        });
        var page = await editor.GetOkPageAsync("/admin/profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Password changed.", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        var signedOut = await otherBrowser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/account/login", signedOut.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_password_change_only_the_new_password_signs_in()
    {
        var editor = await EditorAsync("new.password@movienews.test", "198.18.1.7");

        await editor.SubmitAsync("/admin/profile", "#password-form", new Dictionary<string, string?>
        {
            ["CurrentPassword"] = Password,
            ["NewPassword"] = "a brand new passphrase",
            ["ConfirmPassword"] = "a brand new passphrase",
        });

        Assert.Equal(HttpStatusCode.BadRequest, (await factory.CreateBrowserClient("198.18.1.8").SignInAsync("new.password@movienews.test", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient("198.18.1.8").SignInAsync("new.password@movienews.test", "a brand new passphrase")).StatusCode);
    }

    [Theory]
    [InlineData("not my password", "a brand new passphrase", "a brand new passphrase", "CurrentPassword", "That is not your current password.")]
    [InlineData("", "a brand new passphrase", "a brand new passphrase", "CurrentPassword", "Enter your current password.")]
    [InlineData(Password, "too short", "too short", "NewPassword", "at least 12 characters")]
    [InlineData(Password, "a brand new passphrase", "a different passphrase", "ConfirmPassword", "not the same")]
    public async Task A_refused_password_change_says_why_beside_the_field_and_keeps_the_old_password(
        string current, string proposed, string confirmation, string field, string message)
    {
        var email = $"refused.password{Math.Abs((current + proposed + confirmation).GetHashCode(StringComparison.Ordinal))}@movienews.test";
        var editor = await EditorAsync(email, "198.18.1.9");

        var response = await editor.SubmitAsync("/admin/profile", "#password-form", new Dictionary<string, string?>
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = proposed,
            ["ConfirmPassword"] = confirmation,
        });
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, page.QuerySelector($"#{field}-error")!.TextContent, StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("input[type=password]"), input => Assert.Null(input.GetAttribute("value")));
        Assert.True(await factory.PasswordWorksAsync(email, Password));
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/admin/profile")).StatusCode);
    }
}
