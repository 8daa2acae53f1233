using System.Net;
using System.Text.RegularExpressions;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.IntegrationTests.Admin;

/// <summary>
/// A sign-in must not tell whether an account exists: every refusal does one password-hash verification (so it
/// takes as long as any other) and gets the same answer. Proved by counting the hasher's work, never by timing.
/// </summary>
public sealed partial class SignInEqualisationTests(CountingPasswordHasherFactory factory) : IClassFixture<CountingPasswordHasherFactory>
{
    private const string Password = "the right password";

    // Same length as each other, so even Content-Length cannot differ.
    private const string Unknown = "nobody01@movienews.test";
    private const string Known = "wrongpw1@movienews.test";
    private const string Locked = "lockedup@movienews.test";

    private async Task<(HttpResponseMessage Response, int Verifications)> SignInCountingAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetOkPageAsync("/account/login");
        var before = factory.Hasher.Verifications;
        var response = await client.SubmitAsync(page, "form", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });
        return (response, factory.Hasher.Verifications - before);
    }

    /// <summary>Five failures lock the account for the address that made them.</summary>
    private async Task LockAsync(string email, string address)
    {
        var client = factory.CreateBrowserClient(address);
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(email, "not the password");
        }
    }

    [Fact]
    public async Task An_unknown_email_costs_one_password_hash_verification()
    {
        var (response, verifications) = await SignInCountingAsync(factory.CreateBrowserClient("192.0.2.61"), "no.such.account@movienews.test", Password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, verifications);
    }

    [Fact]
    public async Task A_wrong_password_costs_one_password_hash_verification()
    {
        await factory.CreateStaffAsync("wrong.once@movienews.test", Password, Roles.Editor, "Wrong Once");

        var (response, verifications) = await SignInCountingAsync(factory.CreateBrowserClient("192.0.2.62"), "wrong.once@movienews.test", "not the password");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, verifications);
    }

    [Fact]
    public async Task A_locked_account_costs_one_password_hash_verification_before_it_is_refused()
    {
        await factory.CreateStaffAsync("locked.once@movienews.test", Password, Roles.Editor, "Locked Once");
        await LockAsync("locked.once@movienews.test", "192.0.2.63");

        var (response, verifications) = await SignInCountingAsync(factory.CreateBrowserClient("192.0.2.63"), "locked.once@movienews.test", Password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, verifications);
    }

    [Fact]
    public async Task A_disabled_account_costs_one_password_hash_verification_before_it_is_refused()
    {
        await factory.CreateStaffAsync("disabled.once@movienews.test", Password, Roles.Editor, "Disabled Once");
        var admin = await factory.SignedInAdminAsync("192.0.2.64");
        var users = await admin.GetOkPageAsync("/admin/users");
        var row = users.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("disabled.once@", StringComparison.Ordinal));
        await admin.SubmitAsync(users, $"form[action='{row.QuerySelector("form[action*=Disable]")!.GetAttribute("action")}']");

        var (response, verifications) = await SignInCountingAsync(factory.CreateBrowserClient("192.0.2.65"), "disabled.once@movienews.test", Password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, verifications);
    }

    [Fact]
    public async Task Unknown_email_wrong_password_and_locked_account_get_the_same_answer()
    {
        await factory.CreateStaffAsync(Known, Password, Roles.Editor, "Known Editor");
        await factory.CreateStaffAsync(Locked, Password, Roles.Editor, "Locked Editor");
        await LockAsync(Locked, "192.0.2.66");
        var client = factory.CreateBrowserClient("192.0.2.66");

        var answers = new List<string>();
        foreach (var (email, password) in new[] { (Unknown, Password), (Known, "not the password"), (Locked, Password) })
        {
            var (response, _) = await SignInCountingAsync(client, email, password);
            answers.Add(await DescribeAsync(response, email));
        }

        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(answers[0], answers[2]);
        Assert.Contains(StaffSignIn.RefusedMessage, answers[0], StringComparison.Ordinal);
    }

    /// <summary>Status, headers and body, with the two parts that differ by design made alike: the antiforgery token and the email echoed back into the form.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response, string email)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}");
        var body = AntiforgeryToken().Replace(await response.Content.ReadAsStringAsync(), "$1TOKEN").Replace(email, "EMAIL", StringComparison.Ordinal);
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n\n{body}";
    }

    [GeneratedRegex("""(name="__RequestVerificationToken" type="hidden" value=")[^"]*""")]
    private static partial Regex AntiforgeryToken();
}
