using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace MovieNews.Web.Features.Accounts;

/// <summary>
/// A fresh install with no admin and no <c>Admin:Email</c>/<c>Admin:Password</c> opens a one-time setup page, as
/// WordPress and Ghost do: start-up prints its address with a random token, valid until an admin is created through
/// it or the app restarts (the token lives only in this process's memory). The page creates the first admin in the
/// browser.
/// </summary>
public sealed class FirstRunSetup(IHostApplicationLifetime lifetime, IServer server)
{
    public const string Path = "/setup";

    private readonly Lock _gate = new();
    private string? _token;
    private string? _claimed;

    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _token is not null;
            }
        }
    }

    /// <summary>The token of this run, for the tests (which cannot read the console).</summary>
    public string? Token
    {
        get
        {
            lock (_gate)
            {
                return _token;
            }
        }
    }

    /// <summary>Makes a token and prints the setup address once the server listens.</summary>
    public void Open()
    {
        lock (_gate)
        {
            if (_token is not null)
            {
                return;
            }

            _token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        }

        lifetime.ApplicationStarted.Register(Announce);
    }

    /// <summary>Whether the token is this run's, compared in constant time.</summary>
    public bool Accepts(string? token)
    {
        var expected = Token;
        return expected is not null && token is { Length: > 0 and <= 100 }
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(expected));
    }

    /// <summary>
    /// Takes the token for one attempt, so two posts with it cannot both create an admin; <see cref="Reopen"/> gives it
    /// back when the attempt was refused.
    /// </summary>
    public bool TryClaim(string? token)
    {
        lock (_gate)
        {
            if (!Accepts(token))
            {
                return false;
            }

            _claimed = _token;
            _token = null;
            return true;
        }
    }

    public void Reopen()
    {
        lock (_gate)
        {
            _token ??= _claimed;
            _claimed = null;
        }
    }

    /// <summary>Used once: the first admin exists, so the page closes.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _token = null;
            _claimed = null;
        }
    }

    private void Announce()
    {
        if (Token is not { } token)
        {
            return;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.Select(a => a.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)).FirstOrDefault() ?? string.Empty;
        // On the console only, like a generated password: whoever can read it may create the first admin.
        Console.WriteLine($"""

            ================================================================
             No admin account exists yet. Create the first one in a browser:
               {first.TrimEnd('/')}{Path}?token={token}
             The address works once, until this app restarts.
            ================================================================

            """);
    }
}
