using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace MovieNews.Web.Features.Comments;

/// <summary>
/// What one page of an article's comments is, and its rendered list, as every reader without comments of their
/// own sees it, kept in memory under the article's <c>CommentsVersion</c>. The version is read from the database
/// with the article on every request and is bumped in the same transaction as any change readers can see (and by
/// the like batches), so a new version is a new key: nothing is ever evicted by hand, and every instance agrees.
/// Readers whose page is their own (a held comment, an edit window) are never served from here. This is what an
/// editor, or a commenter with saved details, gets instead of the shared page: the comments are read and rendered
/// once per change, not once per request (issue #14, target 2).
/// </summary>
public sealed class CommentPageCache : IDisposable
{
    private readonly MemoryCache _entries;

    public CommentPageCache(IConfiguration configuration)
    {
        var megabytes = configuration.GetValue("Comments:PageCacheMegabytes", 32);
        if (megabytes < 0)
        {
            throw new InvalidOperationException("Comments:PageCacheMegabytes must be 0 (off) or more.");
        }

        Enabled = megabytes > 0;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, megabytes) * 1024L * 1024L });
    }

    public bool Enabled { get; }

    /// <summary>Everything that decides what a shared comment page holds.</summary>
    /// <remarks>The rendered list shows dates in the site's time zone and words in its language, so both are part of the key ("Europe/Berlin.de").</remarks>
    public sealed record Key(int ArticleId, int CommentsVersion, CommentSort Sort, int Page, int PerPage, int MaxDepth, string ZoneAndLanguage);

    /// <summary>The page's data, and its rendered list once a request has rendered it.</summary>
    public sealed class Entry(CommentPage page)
    {
        public CommentPage Page { get; } = page;
        public IHtmlContent? List { get; set; }
    }

    public Entry? Find(Key key) => Enabled && _entries.TryGetValue(key, out Entry? entry) ? entry : null;

    public Entry Keep(Key key, CommentPage page)
    {
        var entry = new Entry(page);
        if (Enabled)
        {
            // Sized by what its list will weigh (about 1.5 KB a comment, UTF-16), so the limit is a limit on memory.
            var comments = page.Picks.Count + CountAll(page.Threads);
            _entries.Set(key, entry, new MemoryCacheEntryOptions { Size = 2048L + comments * 3072L, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }

        return entry;
    }

    /// <summary>Rendered content written out once, with the encoder the page itself uses, so it can be written again as is.</summary>
    public static async Task<IHtmlContent> FreezeAsync(Task<IHtmlContent> rendering, HtmlEncoder encoder)
    {
        var content = await rendering;
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        content.WriteTo(writer, encoder);
        return new HtmlString(writer.ToString());
    }

    private static int CountAll(IReadOnlyList<CommentNode<CommentView>> nodes) => nodes.Sum(n => 1 + CountAll(n.Replies));

    public void Dispose() => _entries.Dispose();
}
