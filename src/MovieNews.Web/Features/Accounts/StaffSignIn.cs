using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;

namespace MovieNews.Web.Features.Accounts;

/// <summary>
/// Password sign-in that does not tell whether an account exists. Every refusal costs one password-hash
/// verification, as a wrong password does: an unknown email and an account Identity would refuse before
/// hashing (disabled, or locked for this client) are checked against a decoy hash instead. All refusals get the
/// same answer. Five failures lock the account for five minutes <em>for the client that made them</em>
/// (<see cref="SignInThrottle"/>): a stranger guessing cannot lock its owner out from elsewhere.
/// </summary>
public sealed class StaffSignIn(
    SignInManager<EditorUser> signIn,
    UserManager<EditorUser> users,
    IPasswordHasher<EditorUser> hasher,
    DecoyPasswordHash decoy,
    SignInThrottle throttle)
{
    public const string RefusedMessage =
        "That email and password do not match, or the account is locked for a few minutes after repeated failures.";

    public async Task<bool> SignInAsync(string email, string password, System.Net.IPAddress? client)
    {
        var attempt = SignInThrottle.KeyOf(email, client);
        var user = await users.FindByNameAsync(email);
        if (throttle.IsLocked(attempt) || user is null || await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            decoy.Verify(hasher, password);
            throttle.Failed(attempt);
            return false;
        }

        // Identity's own lockout is per account, so anyone could lock an editor out: the throttle counts instead.
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (!result.Succeeded)
        {
            throttle.Failed(attempt);
            return false;
        }

        throttle.Succeeded(attempt);
        return true;
    }
}

/// <summary>
/// Failed sign-ins per account and client (an IPv6 client's /64): five within five minutes lock that pair for five
/// minutes. Kept in memory, per app instance, bounded in size.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const int MaxFailures = 5;
    private static readonly TimeSpan _lockout = TimeSpan.FromMinutes(5);
    private readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public static string KeyOf(string email, System.Net.IPAddress? client) =>
        $"{email.Trim().ToUpperInvariant()}|{Infrastructure.ClientAddress.KeyOf(client)}";

    public bool IsLocked(string attempt) => _failures.TryGetValue(attempt, out Counter? counter) && counter!.Count >= MaxFailures;

    public void Failed(string attempt)
    {
        var counter = _failures.GetOrCreate(attempt, entry =>
        {
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = _lockout;
            return new Counter();
        })!;
        counter.Add();
    }

    public void Succeeded(string attempt) => _failures.Remove(attempt);

    public void Dispose() => _failures.Dispose();

    private sealed class Counter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
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
