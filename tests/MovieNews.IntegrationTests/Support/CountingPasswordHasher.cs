using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.IntegrationTests.Support;

/// <summary>
/// The site's own password hasher, counting the verifications it does: how a test proves that a refused sign-in
/// did the same (costly) work as any other, without timing anything.
/// </summary>
public sealed class CountingPasswordHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<EditorUser>
{
    private readonly PasswordHasher<EditorUser> _inner = new(options);
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(EditorUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(EditorUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>The app with <see cref="CountingPasswordHasher"/> as its password hasher.</summary>
public sealed class CountingPasswordHasherFactory : MovieNewsFactory
{
    public CountingPasswordHasher Hasher => Services.GetRequiredService<CountingPasswordHasher>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IPasswordHasher<EditorUser>>();
            services.AddSingleton<CountingPasswordHasher>();
            services.AddSingleton<IPasswordHasher<EditorUser>>(provider => provider.GetRequiredService<CountingPasswordHasher>());
        });
    }
}
