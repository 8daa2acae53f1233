using System.Net;
using System.Text.RegularExpressions;

namespace MovieNews.EndToEndTests.Support;

/// <summary>The first admin the app processes of these tests are started with, and signing in as them over plain HTTP.</summary>
public static partial class StaffForms
{
    public const string AdminEmail = "admin@movienews.test";
    public const string AdminPassword = "correct horse battery staple";

    public static async Task SignInAsync(HttpClient browser, string baseUrl)
    {
        var login = await browser.GetStringAsync(baseUrl + "/account/login");
        var signedIn = await browser.PostAsync(baseUrl + "/account/login", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", Token(login)), new("Email", AdminEmail), new("Password", AdminPassword)]));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    /// <summary>The antiforgery token of the (first) form on a page.</summary>
    public static string Token(string html) => TokenPattern().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
