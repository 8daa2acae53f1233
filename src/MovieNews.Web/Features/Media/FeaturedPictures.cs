using Microsoft.Extensions.Caching.Memory;
using MovieNews.Web.Data;

namespace MovieNews.Web.Features.Media;

/// <summary>
/// The featured picture as an article page shows it, kept per article version: an article page read outside the
/// shared cache (an editor, a commenter) reads the picture and its files from the database once per change, not on
/// every request (it was a fifth of such a request's handler time). The key holds both of the article's versions:
/// saving the article bumps <c>Version</c>, and describing or re-cropping a picture bumps <c>CommentsVersion</c> of the
/// articles it features, so a change is a new key and nothing is evicted by hand.
/// </summary>
public sealed class FeaturedPictures : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public sealed record Key(int ArticleId, int PictureId, int Version, int CommentsVersion);

    public async Task<PictureView?> GetAsync(Key key, MovieNewsDbContext db, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(key, out PictureView? kept))
        {
            return kept;
        }

        var picture = (await PictureView.LoadAsync(db, [key.PictureId], cancellationToken)).GetValueOrDefault(key.PictureId);
        _entries.Set(key, picture, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return picture;
    }

    public void Dispose() => _entries.Dispose();
}
