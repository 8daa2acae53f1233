using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace MovieNews.Web.Features.Accounts;

/// <summary>
/// Password sign-in that does not tell whether an account exists. Every refusal costs one password-hash
/// verification, as a wrong password does: an unknown email and an account Identity would refuse before
/// hashing (locked out, disabled) are checked against a decoy hash instead. All refusals get the same answer.
/// </summary>
public sealed class StaffSignIn(
    SignInManager<EditorUser> signIn,
    UserManager<EditorUser> users,
    IPasswordHasher<EditorUser> hasher,
    DecoyPasswordHash decoy)
{
    public const string RefusedMessage =
        "That email and password do not match, or the account is locked for a few minutes after repeated failures.";

    public async Task<bool> SignInAsync(string email, string password)
    {
        var user = await users.FindByNameAsync(email);
        if (user is null || await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            decoy.Verify(hasher, password);
            return false;
        }

        // Failures count towards the lockout: five wrong passwords lock the account for five minutes.
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded;
    }
}

/// <summary>A hash of a random password made once, by the site's own hasher, so verifying it costs what a real account's does.</summary>
public sealed class DecoyPasswordHash
{
    private static readonly EditorUser _nobody = new();
    private string? _hash;

    public void Verify(IPasswordHasher<EditorUser> hasher, string password)
    {
        var hash = LazyInitializer.EnsureInitialized(
            ref _hash, () => hasher.HashPassword(_nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        _ = hasher.VerifyHashedPassword(_nobody, hash, password);
    }
}
