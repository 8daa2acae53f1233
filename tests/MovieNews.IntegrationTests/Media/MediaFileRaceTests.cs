using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MovieNews.IntegrationTests.Support;
using MovieNews.TestSupport;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Media;

namespace MovieNews.IntegrationTests.Media;

/// <summary>
/// Two uploads of one picture share its files. A delete of the first copy that runs while a second copy's files are
/// written, before its rows are saved, must not take the files the second copy is about to name.
/// </summary>
public sealed class MediaFileRaceTests(MediaFileRaceTests.WithSlowStore factory) : IClassFixture<MediaFileRaceTests.WithSlowStore>
{
    /// <summary>A file store that, when told to, lingers after writing: the window a delete could fall into.</summary>
    public sealed class SlowStore(IMediaStore inner) : IMediaStore
    {
        public TaskCompletionSource Written { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TimeSpan Linger { get; set; }

        public async Task SaveAsync(string key, byte[] content, CancellationToken cancellationToken)
        {
            await inner.SaveAsync(key, content, cancellationToken);
            if (Linger > TimeSpan.Zero)
            {
                Written.TrySetResult();
                await Task.Delay(Linger, cancellationToken);
            }
        }

        public Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);
        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
        public IAsyncEnumerable<string> KeysAsync(CancellationToken cancellationToken) => inner.KeysAsync(cancellationToken);
    }

    public sealed class WithSlowStore : MovieNewsFactory
    {
        public SlowStore Store { get; }

        public WithSlowStore() => Store = new SlowStore(new FileSystemMediaStore(Path.Combine(DataDirectory, "media")));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IMediaStore>();
                services.AddSingleton<IMediaStore>(Store);
            });
        }
    }

    [Fact]
    public async Task Deleting_a_picture_while_the_same_picture_is_stored_again_keeps_the_new_copys_files()
    {
        var picture = TestImages.Jpeg(640, 400);
        var client = await factory.SignedInAdminAsync();
        var first = await client.UploadAsync(picture, alt: "First copy");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var deletePage = await client.GetOkPageAsync($"/admin/media/{first.UploadedId()}");
        var copier = await factory.SignedInAdminAsync("203.0.113.98");

        factory.Store.Linger = TimeSpan.FromMilliseconds(500);
        var copy = copier.UploadAsync(picture, alt: "Second copy");
        await factory.Store.Written.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var deleted = await client.SubmitAsync(deletePage, "#delete-form");
        Assert.Equal(HttpStatusCode.Redirect, (await copy).StatusCode);
        factory.Store.Linger = TimeSpan.Zero;

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var variants = await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().MediaVariants.AsNoTracking().ToListAsync();
        Assert.NotEmpty(variants);
        foreach (var variant in variants)
        {
            Assert.NotNull(await factory.Store.ReadAsync(variant.Key, CancellationToken.None));
        }
    }
}
