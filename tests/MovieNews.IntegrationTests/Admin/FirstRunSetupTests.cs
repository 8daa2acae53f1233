using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.IntegrationTests.Admin;

/// <summary>A fresh install with no admin configured: the first admin is created in the browser.</summary>
public sealed class NoAdminConfiguredFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Admin:Email"] = "", ["Admin:Password"] = "" };

    public string Token => Services.GetRequiredService<FirstRunSetup>().Token ?? throw new InvalidOperationException("The setup page is closed.");
}

public sealed class FirstRunSetupTests(NoAdminConfiguredFactory factory) : IClassFixture<NoAdminConfiguredFactory>
{
    private const string Password = "a first admin passphrase";

    private static Dictionary<string, string?> Account(string email = "owner@movienews.test", string name = "Site Owner", string password = Password, string? confirm = Password) => new()
    {
        ["Email"] = email,
        ["DisplayName"] = name,
        ["Password"] = password,
        ["ConfirmPassword"] = confirm,
    };

    [Theory]
    [InlineData("/setup")]
    [InlineData("/setup?token=")]
    [InlineData("/setup?token=guessed-token")]
    public async Task Without_this_runs_token_the_page_is_not_there(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_posted_form_without_the_token_creates_nothing()
    {
        var browser = factory.CreateBrowserClient("198.18.11.1");
        var page = await browser.GetOkPageAsync($"/setup?token={factory.Token}");

        var response = await browser.SubmitAsync(page, "#setup-form", new Dictionary<string, string?>(Account()) { ["Token"] = "wrong" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await factory.FindUserAsync("owner@movienews.test"));
    }

    [Fact]
    public async Task Mistakes_are_shown_beside_their_fields_with_what_was_typed_and_the_page_still_works()
    {
        var browser = factory.CreateBrowserClient("198.18.11.2");
        var page = await browser.GetOkPageAsync($"/setup?token={factory.Token}");

        var refused = await browser.SubmitAsync(page, "#setup-form", Account(email: "not an email", name: "me@example.com", confirm: "something else"));
        var again = await HtmlClient.ParseAsync(refused);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(again.QuerySelector("#Email-error"));
        Assert.NotNull(again.QuerySelector("#DisplayName-error"));
        Assert.NotNull(again.QuerySelector("#ConfirmPassword-error"));
        Assert.Equal("not an email", again.QuerySelector("#Email")!.GetAttribute("value"));
        Assert.Null(again.QuerySelector("#Password")!.GetAttribute("value"));
        Assert.Equal(factory.Token, again.QuerySelector("input[name=Token]")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/setup?token={factory.Token}")).StatusCode);
    }

    [Fact]
    public async Task The_page_creates_the_first_admin_signs_them_in_and_then_closes_for_good()
    {
        // A site of its own: this closes the page, which the other tests need open.
        using var site = new NoAdminConfiguredFactory();
        var browser = site.CreateBrowserClient("198.18.11.3");
        var token = site.Token;
        var page = await browser.GetOkPageAsync($"/setup?token={token}");

        var created = await browser.SubmitAsync(page, "#setup-form", Account());
        var admin = await browser.GetAsync("/admin");
        var user = await site.FindUserAsync("owner@movienews.test");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/admin", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("Site Owner", user!.DisplayName);
        Assert.True(await site.PasswordWorksAsync("owner@movienews.test", Password));
        Assert.Equal(HttpStatusCode.NotFound, (await site.CreateBrowserClient().GetAsync($"/setup?token={token}")).StatusCode);
        Assert.Null(site.Services.GetRequiredService<FirstRunSetup>().Token);
        Assert.Equal(HttpStatusCode.OK, (await (await site.SignedInAsync("owner@movienews.test", Password, "198.18.11.4")).GetAsync("/admin/users")).StatusCode);
    }
}

public sealed class SetupWithAnAdminTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    [Fact]
    public async Task With_an_admin_configured_there_is_no_setup_page_and_no_token()
    {
        Assert.Null(factory.Services.GetRequiredService<FirstRunSetup>().Token);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync("/setup")).StatusCode);
    }
}

/// <summary>Data-protection keys encrypted at rest with a certificate from DataProtection:CertificatePath.</summary>
public sealed class EncryptedKeysFactory : MovieNewsFactory
{
    public EncryptedKeysFactory()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=MovieNews data protection test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        CertificatePath = Path.Combine(DataDirectory, "keys.pfx");
        File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pkcs12, "pfx password"));
    }

    public string CertificatePath { get; }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["DataProtection:CertificatePath"] = CertificatePath,
        ["DataProtection:CertificatePassword"] = "pfx password",
    };
}

public sealed class EncryptedKeysTests(EncryptedKeysFactory factory) : IClassFixture<EncryptedKeysFactory>
{
    [Fact]
    public async Task Keys_are_stored_encrypted_with_the_certificate_and_still_sign_in()
    {
        var admin = await factory.SignedInAdminAsync();
        var repository = factory.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository!;
        var stored = string.Join("\n", repository.GetAllElements().Select(e => e.ToString()));

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).StatusCode);
        Assert.Contains("encryptedSecret", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", stored, StringComparison.Ordinal);
        Assert.NotNull(factory.Services.GetRequiredService<IDataProtectionProvider>());
    }

    [Fact]
    public void A_certificate_that_cannot_be_read_stops_the_start_naming_the_setting()
    {
        using var broken = new BrokenCertificateFactory();

        var error = Assert.Throws<InvalidOperationException>(() => broken.CreateClient());

        Assert.Contains("DataProtection:CertificatePath", error.Message, StringComparison.Ordinal);
    }

    private sealed class BrokenCertificateFactory : MovieNewsFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = Path.Combine(DataDirectory, "missing.pfx"),
        };
    }
}
