using System.Text;
using Microsoft.AspNetCore.Antiforgery;

namespace MovieNews.Web.Infrastructure.Caching;

/// <summary>
/// "Donut" caching for pages with a form: the page is rendered (and output-cached) with a placeholder where
/// the antiforgery token goes, and this middleware, outside the cache, fills in a token of this reader's own
/// on every response. One reader's token (or cookie) never reaches another, and the cached bytes stay shared.
/// </summary>
public static class AntiforgeryHole
{
    /// <summary>Marks a response whose body carries the placeholder.</summary>
    public const string MarkerHeader = "X-MovieNews-Token-Hole";

    public const string Placeholder = "__MOVIENEWS_PER_READER_ANTIFORGERY_TOKEN__";

    public static readonly byte[] PlaceholderBytes = Encoding.ASCII.GetBytes(Placeholder);

    public static WebApplication UseAntiforgeryHoles(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // Only pages with a comment form have holes; everything else (static files sent with SendFile
            // above all) keeps its own response body untouched.
            if (ArticlePageCache.SlugOf(context.Request.Path) is null
                || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                await next(context);
                return;
            }

            var original = context.Response.Body;
            var filler = new PlaceholderStream(original, PlaceholderBytes, () => PrepareAsync(context));
            context.Response.Body = filler;
            try
            {
                await next(context);
                await filler.CompleteAsync(context.RequestAborted);
            }
            finally
            {
                context.Response.Body = original;
            }
        });
        return app;
    }

    /// <summary>
    /// Runs at the first byte of the body, after the output cache has taken its copy of the headers, so the
    /// reader's cookie and private cache headers are never stored for other readers. Returns the token to
    /// put in the holes, or null to pass the body through untouched.
    /// </summary>
    private static async Task<byte[]?> PrepareAsync(HttpContext context)
    {
        byte[]? token = null;
        if (context.Response.Headers.Remove(MarkerHeader) && context.Response.StatusCode is >= 200 and < 300 and not 204)
        {
            token = IssueToken(context);
            context.Response.ContentLength = null;
        }

        await context.Response.StartAsync();
        return token;
    }

    /// <summary>This reader's token (and antiforgery cookie when they have none yet), with private cache headers.</summary>
    public static byte[] IssueToken(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        // Readers may keep and revalidate the page (ETag), but no shared cache may store it.
        context.Response.Headers.CacheControl = "private, no-cache";
        context.Response.Headers.Remove("Pragma");
        return Encoding.ASCII.GetBytes(tokens.RequestToken!);
    }

    /// <summary>Copies the body through, swapping the placeholder for the token even when it spans two writes.</summary>
    private sealed class PlaceholderStream(Stream inner, byte[] placeholder, Func<Task<byte[]?>> startResponse) : Stream
    {
        private readonly List<byte> _carry = [];
        private bool _started;
        private byte[]? _replacement;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_started)
            {
                _started = true;
                _replacement = await startResponse();
            }

            if (_replacement is null)
            {
                await inner.WriteAsync(buffer, cancellationToken);
                return;
            }

            _carry.AddRange(buffer.Span);
            var data = _carry.ToArray();
            _carry.Clear();
            var start = 0;
            for (var index = IndexOf(data, 0); index >= 0; index = IndexOf(data, start))
            {
                await inner.WriteAsync(data.AsMemory(start, index - start), cancellationToken);
                await inner.WriteAsync(_replacement, cancellationToken);
                start = index + placeholder.Length;
            }

            // Hold back a tail that could be the start of a placeholder split across writes.
            var keep = Math.Min(placeholder.Length - 1, data.Length - start);
            await inner.WriteAsync(data.AsMemory(start, data.Length - start - keep), cancellationToken);
            _carry.AddRange(data.AsSpan(data.Length - keep));
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            if (_carry.Count > 0)
            {
                await inner.WriteAsync(_carry.ToArray(), cancellationToken);
                _carry.Clear();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private int IndexOf(byte[] data, int from) => data.AsSpan(from).IndexOf(placeholder) is var i and >= 0 ? from + i : -1;
    }
}
