using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Seeding;

namespace MovieNews.IntegrationTests.Pages;

/// <summary>The site as a first start makes it, seed pictures included (other test classes start without them).</summary>
public sealed class SeedPicturesFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Seeds:Images"] = "true" };
}

public sealed class SeedingTests(SeedPicturesFactory factory) : IClassFixture<SeedPicturesFactory>
{
    [Fact]
    public async Task First_start_imports_every_seed_article()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();

        Assert.Equal(14, await db.Articles.CountAsync());
        Assert.True(await db.Articles.AnyAsync(a => a.Slug == "will-there-be-a-purple-hearts-2"));
    }

    [Fact]
    public async Task Every_seed_article_has_a_featured_title_card_with_alt_text_uploaded_by_the_seed_import()
    {
        await factory.Services.GetRequiredService<SeedPictures>().Completion.WaitAsync(TimeSpan.FromMinutes(3));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();

        var articles = await db.Articles.AsNoTracking().Include(a => a.FeaturedMedia).ThenInclude(m => m!.Variants).ToListAsync();

        Assert.Equal(14, articles.Count);
        Assert.All(articles, article =>
        {
            var picture = article.FeaturedMedia;
            Assert.NotNull(picture);
            Assert.False(string.IsNullOrWhiteSpace(picture.AltText), $"{article.Slug}'s picture has no alt text");
            Assert.Equal("seed import", picture.UploadedBy);
            Assert.Equal($"{article.Slug}.jpg", picture.FileName);
            Assert.Equal((1600, 900), (picture.Width, picture.Height));
            Assert.Contains(picture.Variants, v => v.Purpose == VariantPurpose.Social);
        });
    }

    [Fact]
    public async Task The_reference_article_shows_its_title_card_as_the_hero_and_the_social_card()
    {
        // The pictures are made after the site starts; the first page views come before them.
        await factory.Services.GetRequiredService<SeedPictures>().Completion.WaitAsync(TimeSpan.FromMinutes(3));
        var page = await factory.CreateBrowserClient("203.0.113.140").GetOkPageAsync("/articles/will-there-be-a-purple-hearts-2");

        var hero = page.QuerySelector("figure.hero img");
        Assert.NotNull(hero);
        var alt = hero.GetAttribute("alt");
        Assert.StartsWith("Title card reading “Will there be a Purple Hearts 2?", alt, StringComparison.Ordinal);
        var ogImage = page.QuerySelector("meta[property='og:image']")?.GetAttribute("content");
        Assert.NotNull(ogImage);
        Assert.StartsWith("http", ogImage, StringComparison.Ordinal);
        Assert.Contains("/media/", ogImage, StringComparison.Ordinal);
        Assert.Equal(alt, page.QuerySelector("meta[property='og:image:alt']")?.GetAttribute("content"));

        var reader = factory.CreateBrowserClient("203.0.113.140");
        var picture = await reader.GetAsync(new Uri(ogImage).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal("image/jpeg", picture.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Seed_title_cards_ship_with_the_app_small_enough_to_keep_in_the_repository()
    {
        var images = new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "seeds", "images")).GetFiles("*.jpg");

        Assert.Equal(14, images.Length);
        Assert.All(images, image => Assert.InRange(image.Length, 1, 150 * 1024));
    }

    [Fact]
    public async Task A_seed_without_an_image_still_imports_beside_one_with_an_image()
    {
        using var mixed = new MixedSeedFactory();
        await mixed.Services.GetRequiredService<SeedPictures>().Completion.WaitAsync(TimeSpan.FromMinutes(3));
        _ = mixed.CreateClient();

        await using var scope = mixed.Services.CreateAsyncScope();
        var articles = await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Articles.AsNoTracking()
            .Include(a => a.FeaturedMedia).OrderBy(a => a.Slug).ToListAsync();
        Assert.Equal(["pictured", "plain"], articles.Select(a => a.Slug));
        Assert.Equal("A red and gold title card", articles[0].FeaturedMedia?.AltText);
        Assert.Null(articles[1].FeaturedMediaId);
    }

    [Fact]
    public void A_seed_whose_image_is_missing_stops_start_up_naming_the_file_and_the_image()
    {
        using var broken = new MissingImageSeedFactory();

        var error = Assert.Throws<SeedFormatException>(() => broken.CreateClient());

        Assert.Equal("missing.md", error.FileName);
        Assert.Contains("image 'images/nowhere.jpg' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task This_engines_migrations_match_the_model_and_are_all_applied()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration for this engine (dotnet ef migrations add, once per context).");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Importing_again_creates_nothing_new()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        var articles = await db.Articles.CountAsync();
        var tags = await db.Tags.CountAsync();

        var imported = await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(CancellationToken.None);

        Assert.Equal(0, imported);
        Assert.Equal(articles, await db.Articles.CountAsync());
        Assert.Equal(tags, await db.Tags.CountAsync());
    }

    [Fact]
    public async Task A_second_start_on_the_same_database_creates_nothing_new()
    {
        using var secondStart = new SameDatabaseFactory(factory.ConnectionString);
        _ = secondStart.CreateClient();

        await using var scope = secondStart.Services.CreateAsyncScope();
        Assert.Equal(14, await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Articles.CountAsync());
    }

    [Fact]
    public void A_malformed_seed_file_stops_start_up_naming_the_file_and_the_problem()
    {
        using var broken = new BrokenSeedFactory();

        var error = Assert.Throws<SeedFormatException>(() => broken.CreateClient());

        Assert.Equal("broken.md", error.FileName);
        Assert.Contains("'author' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_start_with_hold_everything_on_still_imports_the_seed_threads_as_they_were()
    {
        using var holding = new HoldEverythingFactory();
        _ = holding.CreateClient();

        await using var scope = holding.Services.CreateAsyncScope();
        var comments = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Comments;
        Assert.Equal(59, await comments.CountAsync(c => c.Status == CommentStatus.Approved));
        Assert.True(await comments.AnyAsync(c => c.ParentId != null));
    }

    private sealed class HoldEverythingFactory : MovieNewsFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Moderation:HoldAll"] = "true",
            ["Moderation:HoldFirstComment"] = "true",
        };
    }

    /// <summary>A seeds folder of its own: one article with a picture (a real seed card), one without.</summary>
    private sealed class MixedSeedFactory : MovieNewsFactory
    {
        public MixedSeedFactory()
        {
            var seeds = Path.Combine(DataDirectory, "seeds");
            var articles = Directory.CreateDirectory(Path.Combine(seeds, "articles"));
            var images = Directory.CreateDirectory(Path.Combine(seeds, "images"));
            File.Copy(Path.Combine(AppContext.BaseDirectory, "seeds", "images", "the-return-of-the-movie-musical.jpg"), Path.Combine(images.FullName, "card.jpg"));
            File.WriteAllText(Path.Combine(articles.FullName, "pictured.md"),
                "---\ntitle: Pictured\nslug: pictured\nauthor: A\npublished: 2022-01-01\nimage: images/card.jpg\nimageAlt: A red and gold title card\n---\nBody\n");
            File.WriteAllText(Path.Combine(articles.FullName, "plain.md"), "---\ntitle: Plain\nslug: plain\nauthor: A\npublished: 2022-01-02\n---\nBody\n");
        }

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Seeds:Path"] = Path.Combine(DataDirectory, "seeds"),
            ["Seeds:Images"] = "true",
        };
    }

    private sealed class MissingImageSeedFactory : MovieNewsFactory
    {
        public MissingImageSeedFactory()
        {
            var articles = Directory.CreateDirectory(Path.Combine(DataDirectory, "seeds", "articles"));
            File.WriteAllText(Path.Combine(articles.FullName, "missing.md"),
                "---\ntitle: Missing\nauthor: A\npublished: 2022-01-01\nimage: images/nowhere.jpg\nimageAlt: A card\n---\nBody\n");
        }

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Seeds:Path"] = Path.Combine(DataDirectory, "seeds"),
        };
    }

    private sealed class BrokenSeedFactory : MovieNewsFactory
    {
        public BrokenSeedFactory()
        {
            var articles = Directory.CreateDirectory(Path.Combine(DataDirectory, "seeds", "articles"));
            File.WriteAllText(Path.Combine(articles.FullName, "broken.md"), "---\ntitle: No author\npublished: 2022-01-01\n---\nBody\n");
        }

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Seeds:Path"] = Path.Combine(DataDirectory, "seeds"),
        };
    }
}
