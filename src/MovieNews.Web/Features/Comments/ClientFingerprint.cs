using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;

namespace MovieNews.Web.Features.Comments;

/// <summary>
/// Turns a client's IP address (an IPv6 client's /64) into a salted hash, so the flood and duplicate rules can recognise a client
/// without the site ever storing where its readers are. The salt is generated once and kept in the database.
/// </summary>
public sealed class ClientFingerprint(IServiceScopeFactory scopes) : IDisposable
{
    private const string SaltKey = "comments.client-hash-salt";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _salt;

    public async Task<string> HashAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        var salt = _salt ?? await LoadSaltAsync(cancellationToken);
        var normalized = Infrastructure.ClientAddress.KeyOf(address);
        return Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(normalized)))[..32];
    }

    /// <summary>The same keyed hash of any other client trait (saved commenter details), so it is never stored in clear.</summary>
    public async Task<string> HashTextAsync(string purpose, string value, CancellationToken cancellationToken)
    {
        var salt = _salt ?? await LoadSaltAsync(cancellationToken);
        return Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes($"{purpose}\n{value}")))[..32];
    }

    /// <summary>A key for another purpose (avatars), derived from the same secret salt so there is one secret to keep.</summary>
    public async Task<byte[]> DeriveKeyAsync(string purpose, CancellationToken cancellationToken)
    {
        var salt = _salt ?? await LoadSaltAsync(cancellationToken);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, salt, 32, info: Encoding.UTF8.GetBytes(purpose));
    }

    public void Dispose() => _gate.Dispose();

    private async Task<byte[]> LoadSaltAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_salt is not null)
            {
                return _salt;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
            var stored = await db.SiteSettings.AsNoTracking().Where(s => s.Key == SaltKey).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
            if (stored is null)
            {
                stored = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                db.SiteSettings.Add(new SiteSetting { Key = SaltKey, Value = stored });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another instance may have stored its salt first: use that one. Otherwise the write
                    // itself failed (a storage fault), and the caller must hear about it.
                    db.ChangeTracker.Clear();
                    stored = await db.SiteSettings.AsNoTracking().Where(s => s.Key == SaltKey).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
                    if (stored is null)
                    {
                        throw;
                    }
                }
            }

            return _salt = Convert.FromBase64String(stored);
        }
        finally
        {
            _gate.Release();
        }
    }
}
