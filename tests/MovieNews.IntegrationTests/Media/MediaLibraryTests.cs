using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.TestSupport;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Media;

namespace MovieNews.IntegrationTests.Media;

/// <summary>The media library through HTTP, run once per store: the same behaviour on files and on database rows.</summary>
public abstract class MediaLibraryTests(MovieNewsFactory factory)
{
    protected MovieNewsFactory Factory { get; } = factory;

    private async Task<List<MediaItem>> StoredAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().MediaItems.AsNoTracking().Include(m => m.Variants).ToListAsync();
    }

    private async Task<MediaItem> StoredAsync(int id) => (await StoredAsync()).Single(m => m.Id == id);

    private async Task<int> StoredFileCountAsync()
    {
        var store = Factory.Services.GetRequiredService<IMediaStore>();
        var count = 0;
        await foreach (var unused in store.KeysAsync(CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    private async Task<(HttpClient Client, int Id)> UploadedAsync(byte[]? file = null, string alt = "A film poster", string? caption = null, string fileName = "poster.jpg")
    {
        var client = await Factory.SignedInAdminAsync();
        var response = await client.UploadAsync(file ?? TestImages.Jpeg(2000, 1000), fileName, alt, caption);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, response.UploadedId());
    }

    private static async Task<int> PublishAsync(HttpClient client, string slug, int? featured, string body = "Text.")
    {
        var response = await client.SubmitAsync("/admin/articles/edit", "#article-editor", new Dictionary<string, string?>
        {
            ["Input.Title"] = $"Pictured {slug}",
            ["Input.Slug"] = slug,
            ["Input.Body"] = body,
            ["Input.Status"] = "Published",
            ["Input.FeaturedMediaId"] = featured?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        }, "button[formaction*=Save]");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_upload_keeps_every_variant_and_serves_each_for_a_year_without_metadata()
    {
        var (_, id) = await UploadedAsync(TestImages.WithExif(TestImages.Jpeg(2000, 1000), orientation: 1));

        var item = await StoredAsync(id);
        Assert.Equal((2000, 1000, ImageFormat.Jpeg), (item.Width, item.Height, item.SourceFormat));
        Assert.Equal(7, item.Variants.Count);
        var reader = Factory.CreateBrowserClient("203.0.113.90");
        foreach (var variant in item.Variants)
        {
            var response = await reader.GetAsync(variant.Url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(variant.IsWebP ? "image/webp" : "image/jpeg", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(MediaServiceExtensions.ImmutableCacheControl, response.Headers.CacheControl!.ToString());
            Assert.NotNull(response.Headers.ETag);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(variant.Bytes, bytes.Length);
            Assert.False(TestImages.Contains(bytes, TestImages.GpsMarker));
        }
    }

    [Fact]
    public async Task An_avif_upload_gets_the_same_variants_as_a_jpeg_without_its_metadata()
    {
        var client = await Factory.SignedInAdminAsync();
        var response = await client.UploadAsync(TestImages.Avif(2000, 1000, exifOrientation: 1), "still.avif", alt: "An AVIF still", declaredType: "image/avif");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var item = await StoredAsync(response.UploadedId());
        Assert.Equal((2000, 1000, ImageFormat.Avif), (item.Width, item.Height, item.SourceFormat));
        Assert.Equal(
            [(VariantPurpose.Width, 480, 240), (VariantPurpose.Width, 480, 240), (VariantPurpose.Width, 960, 480), (VariantPurpose.Width, 960, 480),
             (VariantPurpose.Width, 1600, 800), (VariantPurpose.Width, 1600, 800), (VariantPurpose.Social, 1200, 630)],
            item.Variants.Select(v => (v.Purpose, v.Width, v.Height)).Order());
        var reader = Factory.CreateBrowserClient("203.0.113.89");
        foreach (var variant in item.Variants)
        {
            var served = await reader.GetAsync(variant.Url);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(variant.IsWebP ? "image/webp" : "image/jpeg", served.Content.Headers.ContentType!.MediaType);
            var bytes = await served.Content.ReadAsByteArrayAsync();
            using var decoded = SkiaSharp.SKBitmap.Decode(bytes);
            Assert.Equal((variant.Width, variant.Height), (decoded.Width, decoded.Height));
            Assert.False(TestImages.Contains(bytes, TestImages.GpsMarker));
        }

        var page = await client.GetOkPageAsync($"/admin/media/{item.Id}");
        Assert.Contains("uploaded as AVIF", page.QuerySelector("dl")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_upload_form_offers_avif()
    {
        var page = await (await Factory.SignedInAdminAsync()).GetOkPageAsync("/admin/media/upload");

        Assert.Contains("image/avif", page.QuerySelector("#File")!.GetAttribute("accept"), StringComparison.Ordinal);
        Assert.Contains("AVIF", page.QuerySelector("label[for=File]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_served_file_answers_revalidation_with_304_and_a_range_with_206()
    {
        var (_, id) = await UploadedAsync(TestImages.Jpeg(640, 480));
        var url = (await StoredAsync(id)).Variants[0].Url;
        var reader = Factory.CreateBrowserClient("203.0.113.91");
        var etag = (await reader.GetAsync(url)).Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(again)).StatusCode);

        using var range = new HttpRequestMessage(HttpMethod.Get, url);
        range.Headers.Range = new RangeHeaderValue(0, 9);
        var partial = await reader.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(10, (await partial.Content.ReadAsByteArrayAsync()).Length);
    }

    [Theory]
    [InlineData("/media/0123456789abcdef0123456789abcdef.jpg")]
    [InlineData("/media/0123456789ABCDEF0123456789ABCDEF.jpg")]
    [InlineData("/media/..%2F..%2Fappsettings.json")]
    [InlineData("/media/movienews.db")]
    [InlineData("/media/0123456789abcdef0123456789abcdef.svg")]
    public async Task Addresses_that_are_no_stored_file_answer_404_that_no_cache_keeps(string url)
    {
        var response = await Factory.CreateBrowserClient("203.0.113.92").GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        if (url.StartsWith("/media/0123", StringComparison.Ordinal))
        {
            Assert.True(response.Headers.CacheControl?.NoStore, "a 404 for a key must not be cached");
        }
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "svg", "vector.svg", "SVG" },
        { "bomb", "bomb.jpg", "megapixels" },
        { "truncated", "half.jpg", "cut short" },
        { "truncated-avif", "half.avif", "cut short" },
        { "avif-bomb", "bomb.avif", "megapixels" },
        { "executable", "setup.jpg", "not a JPEG, PNG, WebP, AVIF or GIF" },
        { "text", "notes.png", "not a JPEG, PNG, WebP, AVIF or GIF" },
    };

    private static byte[] BadFile(string kind) => kind switch
    {
        "svg" => "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(),
        "bomb" => TestImages.ClaimingSize(TestImages.Jpeg(64, 64), 65000, 65000),
        "truncated" => TestImages.Jpeg(1200, 800)[..4000],
        "truncated-avif" => TestImages.Avif(600, 400)[..300],
        "avif-bomb" => TestImages.ClaimingAvifSize(TestImages.Avif(64, 64), 65000, 65000),
        "executable" => [.. "MZ\u0090\0"u8, .. new byte[4096]],
        _ => "Just some words in a file."u8.ToArray(),
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_in_the_form_with_the_words_kept_and_nothing_stored(string kind, string fileName, string message)
    {
        var client = await Factory.SignedInAdminAsync();
        var itemsBefore = (await StoredAsync()).Count;
        var filesBefore = await StoredFileCountAsync();

        var response = await client.UploadAsync(BadFile(kind), fileName, alt: $"Alt for {kind}", caption: "Kept caption");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await HtmlClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("#File-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"Alt for {kind}", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#AltText")!.Value);
        Assert.Equal("Kept caption", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Caption")!.Value);
        Assert.Equal(itemsBefore, (await StoredAsync()).Count);
        Assert.Equal(filesBefore, await StoredFileCountAsync());
    }

    [Fact]
    public async Task The_refused_form_works_when_sent_again_with_a_picture()
    {
        var client = await Factory.SignedInAdminAsync();
        var refused = await client.UploadAsync(BadFile("svg"), "vector.svg", alt: "Second try");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var accepted = await client.UploadAsync(TestImages.Jpeg(300, 200), "poster.jpg", alt: "Second try");

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("Second try", (await StoredAsync(accepted.UploadedId())).AltText);
    }

    [Fact]
    public async Task A_polyglot_is_stored_only_as_new_encodings()
    {
        var polyglot = TestImages.Jpeg(500, 400).Concat("<html><script>alert('polyglot')</script>"u8.ToArray()).ToArray();
        var (_, id) = await UploadedAsync(polyglot, fileName: "innocent.jpg");

        var reader = Factory.CreateBrowserClient("203.0.113.93");
        foreach (var variant in (await StoredAsync(id)).Variants)
        {
            var bytes = await reader.GetByteArrayAsync(variant.Url);
            Assert.False(TestImages.Contains(bytes, "polyglot"));
        }
    }

    [Fact]
    public async Task Alt_text_is_required_and_the_other_words_are_kept()
    {
        var client = await Factory.SignedInAdminAsync();
        var itemsBefore = (await StoredAsync()).Count;

        var response = await client.UploadAsync(TestImages.Jpeg(300, 200), alt: "  ", caption: "A caption", credit: "Photo: Test");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await HtmlClient.ParseAsync(response);
        Assert.Contains("alt text is required", page.QuerySelector("#AltText-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Photo: Test", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Credit")!.Value);
        Assert.Equal(itemsBefore, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task Anonymous_visitors_can_neither_see_the_library_nor_upload()
    {
        var anonymous = Factory.CreateBrowserClient("203.0.113.94");
        var itemsBefore = (await StoredAsync()).Count;
        using var content = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Jpeg(100, 100)), "file", "x.jpg" }, { new StringContent("alt"), "AltText" } };

        var upload = await anonymous.PostAsync("/admin/media/upload", content);
        var library = await anonymous.GetAsync("/admin/media");

        Assert.True(upload.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, upload.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.Redirect, library.StatusCode);
        Assert.Contains("/account/login", library.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(itemsBefore, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task The_editors_script_gets_the_markdown_to_insert_as_json()
    {
        var client = await Factory.SignedInAdminAsync();

        var response = await client.UploadAsync(TestImages.Jpeg(800, 600), alt: "A [poster]", caption: "The \"sequel\"", asJson: true);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var markdown = json.RootElement.GetProperty("markdown").GetString()!;
        Assert.Matches(@"^!\[A \\\[poster\\\]\]\(/media/[0-9a-f]{32}\.jpg ""The \\""sequel\\""""\)$", markdown);
    }

    [Fact]
    public async Task A_featured_picture_is_the_hero_the_card_and_the_social_card()
    {
        var (client, id) = await UploadedAsync(TestImages.Jpeg(2400, 1600), alt: "Two leads on a porch", caption: "On set");
        await client.SubmitAsync($"/admin/media/{id}", "#describe-form", new Dictionary<string, string?> { ["Credit"] = "Photo: MovieNews" });
        await PublishAsync(client, "pictured-hero", id);
        var item = await StoredAsync(id);
        var social = item.Variants.Single(v => v.Purpose == VariantPurpose.Social);

        var article = await Factory.CreateBrowserClient("203.0.113.95").GetOkPageAsync("/articles/pictured-hero");

        var hero = article.QuerySelector("figure.hero img")!;
        Assert.Equal("Two leads on a porch", hero.GetAttribute("alt"));
        Assert.Equal("high", hero.GetAttribute("fetchpriority"));
        Assert.Null(hero.GetAttribute("loading"));
        Assert.NotNull(hero.GetAttribute("width"));
        Assert.NotNull(hero.GetAttribute("height"));
        Assert.Equal(3, article.QuerySelector("figure.hero source[type='image/webp']")!.GetAttribute("srcset")!.Split(',').Length);
        Assert.Contains("On set", article.QuerySelector("figure.hero figcaption")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Photo: MovieNews", article.QuerySelector("figure.hero .credit")!.TextContent);
        Assert.EndsWith(social.Url, article.QuerySelector("meta[property='og:image']")!.GetAttribute("content"), StringComparison.Ordinal);
        Assert.StartsWith("http", article.QuerySelector("meta[property='og:image']")!.GetAttribute("content"), StringComparison.Ordinal);
        Assert.Equal("1200", article.QuerySelector("meta[property='og:image:width']")!.GetAttribute("content"));
        Assert.Equal("630", article.QuerySelector("meta[property='og:image:height']")!.GetAttribute("content"));
        Assert.Equal("Two leads on a porch", article.QuerySelector("meta[property='og:image:alt']")!.GetAttribute("content"));
        Assert.Equal("summary_large_image", article.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        using var structured = JsonDocument.Parse(article.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Contains(structured.RootElement.GetProperty("image").EnumerateArray(), url => url.GetString()!.EndsWith(social.Url, StringComparison.Ordinal));

        var home = await Factory.CreateBrowserClient("203.0.113.95").GetOkPageAsync("/");
        var card = home.QuerySelectorAll(".article-summary").Single(a => a.TextContent.Contains("Pictured pictured-hero", StringComparison.Ordinal));
        Assert.NotNull(card.QuerySelector(".card-picture img[srcset][sizes][width][height]"));

        var rss = System.Xml.Linq.XDocument.Parse(await Factory.CreateBrowserClient("203.0.113.95").GetStringAsync("/feed.xml"));
        var enclosure = rss.Descendants("item").Single(i => i.Element("title")!.Value == "Pictured pictured-hero").Element("enclosure")!;
        Assert.EndsWith(social.Url, enclosure.Attribute("url")!.Value, StringComparison.Ordinal);
        Assert.Equal(("image/jpeg", social.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)), (enclosure.Attribute("type")!.Value, enclosure.Attribute("length")!.Value));
        var atom = await Factory.CreateBrowserClient("203.0.113.95").GetStringAsync("/atom.xml");
        Assert.Contains("rel=\"enclosure\"", atom, StringComparison.Ordinal);
        Assert.Contains(social.Url, atom, StringComparison.Ordinal);

        var search = await Factory.CreateBrowserClient("203.0.113.95").GetOkPageAsync("/search?q=pictured");
        var hit = search.QuerySelectorAll(".article-summary").Single(a => a.TextContent.Contains("Pictured pictured-hero", StringComparison.Ordinal));
        Assert.NotNull(hit.QuerySelector(".card-picture img[srcset][loading='lazy']"));
    }

    [Fact]
    public async Task New_words_for_a_featured_picture_reach_its_cached_article_at_once()
    {
        var (client, id) = await UploadedAsync(TestImages.Jpeg(1200, 800), alt: "First words");
        await PublishAsync(client, "words-change", id);
        var reader = Factory.CreateBrowserClient("203.0.113.88");
        var before = await reader.GetAsync("/articles/words-change");
        Assert.Contains("First words", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await client.SubmitAsync($"/admin/media/{id}", "#describe-form", new Dictionary<string, string?> { ["AltText"] = "Second words" });

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/articles/words-change");
        revalidate.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        var after = await reader.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("Second words", (await HtmlClient.ParseAsync(after)).QuerySelector("figure.hero img")!.GetAttribute("alt"));
    }

    [Fact]
    public async Task New_words_for_a_featured_picture_reach_the_editors_own_view_of_the_article_at_once()
    {
        var (client, id) = await UploadedAsync(TestImages.Jpeg(1200, 800), alt: "Words an editor read");
        await PublishAsync(client, "words-editor", id);
        Assert.Equal("Words an editor read", (await client.GetOkPageAsync("/articles/words-editor")).QuerySelector("figure.hero img")!.GetAttribute("alt"));

        await client.SubmitAsync($"/admin/media/{id}", "#describe-form", new Dictionary<string, string?> { ["AltText"] = "Words the editor changed" });

        Assert.Equal("Words the editor changed", (await client.GetOkPageAsync("/articles/words-editor")).QuerySelector("figure.hero img")!.GetAttribute("alt"));
    }

    [Fact]
    public async Task A_new_credit_for_a_picture_in_an_articles_text_reaches_the_article_without_saving_it_again()
    {
        var (client, id) = await UploadedAsync(TestImages.Jpeg(1000, 700), alt: "Inline with a credit", caption: "Caption");
        await client.SubmitAsync($"/admin/media/{id}", "#describe-form", new Dictionary<string, string?> { ["Credit"] = "Photo: First" });
        var markdown = MediaMarkdown.ImageFor(await StoredAsync(id));
        await PublishAsync(client, "credit-change", featured: null, body: $"Before.\n\n{markdown}\n\nAfter.");
        var reader = Factory.CreateBrowserClient("203.0.113.87");
        Assert.Equal("Photo: First", (await reader.GetOkPageAsync("/articles/credit-change")).QuerySelector(".article-body figcaption span")!.TextContent);

        await client.SubmitAsync($"/admin/media/{id}", "#describe-form", new Dictionary<string, string?> { ["Credit"] = "Photo: Second" });

        Assert.Equal("Photo: Second", (await reader.GetOkPageAsync("/articles/credit-change")).QuerySelector(".article-body figcaption span")!.TextContent);
    }

    [Fact]
    public async Task An_article_without_a_picture_keeps_the_plain_summary_card()
    {
        var client = await Factory.SignedInAdminAsync();
        await PublishAsync(client, "no-picture", featured: null);

        var article = await Factory.CreateBrowserClient("203.0.113.96").GetOkPageAsync("/articles/no-picture");

        Assert.Null(article.QuerySelector("figure.hero"));
        Assert.Null(article.QuerySelector("meta[property='og:image']"));
        Assert.Equal("summary", article.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        using var structured = JsonDocument.Parse(article.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.False(structured.RootElement.TryGetProperty("image", out _));
    }

    [Fact]
    public async Task A_picture_in_use_is_not_deleted_and_the_refusal_lists_its_articles()
    {
        var (client, id) = await UploadedAsync(TestImages.Jpeg(900, 600));
        var articleId = await PublishAsync(client, "keeps-its-picture", id);

        var refused = await client.SubmitAsync($"/admin/media/{id}", "#delete-form");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await HtmlClient.ParseAsync(refused);
        Assert.Contains("Pictured keeps-its-picture", page.QuerySelector("#uses")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#uses a[href='/admin/articles/edit/{articleId}']"));
        Assert.Single(await StoredAsync(), m => m.Id == id);
    }

    [Fact]
    public async Task An_unused_picture_is_deleted_with_its_files()
    {
        var (client, id) = await UploadedAsync(TestImages.Jpeg(700, 500), alt: "Soon gone");
        var urls = (await StoredAsync(id)).Variants.Select(v => v.Url).ToList();
        var reader = Factory.CreateBrowserClient("203.0.113.97");

        var deleted = await client.SubmitAsync($"/admin/media/{id}", "#delete-form");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.DoesNotContain(await StoredAsync(), m => m.Id == id);
        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task A_picture_shown_in_an_articles_text_counts_as_used()
    {
        var (client, id) = await UploadedAsync(TestImages.Jpeg(1000, 700), alt: "Inline still");
        var markdown = MediaMarkdown.ImageFor(await StoredAsync(id));
        await PublishAsync(client, "inline-picture", featured: null, body: $"Before.\n\n{markdown}\n\nAfter.");

        var details = await client.GetOkPageAsync($"/admin/media/{id}");
        var article = await Factory.CreateBrowserClient("203.0.113.99").GetOkPageAsync("/articles/inline-picture");

        Assert.Equal(3, article.QuerySelector(".article-body figure picture source[type='image/webp']")!.GetAttribute("srcset")!.Split(',').Length);
        Assert.Equal("Inline still", article.QuerySelector(".article-body figure img")!.GetAttribute("alt"));
        Assert.Contains("(in the text)", details.QuerySelector("#uses")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await client.SubmitAsync($"/admin/media/{id}", "#delete-form")).StatusCode);
    }

    [Fact]
    public async Task The_library_finds_pictures_by_alt_text_caption_or_file_name_and_marks_unused_ones()
    {
        var (client, _) = await UploadedAsync(TestImages.Jpeg(320, 240), alt: "Quokka on a red carpet", caption: "Premiere night", fileName: "zebra-crossing.jpg");

        foreach (var query in new[] { "QUOKKA", "premiere", "zebra-cross" })
        {
            var page = await client.GetOkPageAsync($"/admin/media?q={Uri.EscapeDataString(query)}");
            var tile = Assert.Single(page.QuerySelectorAll(".media-tile"));
            Assert.Contains("Quokka on a red carpet", tile.TextContent, StringComparison.Ordinal);
            Assert.NotNull(tile.QuerySelector(".badge-unused"));
        }

        Assert.Empty((await client.GetOkPageAsync("/admin/media?q=%25")).QuerySelectorAll(".media-tile"));
    }

    [Fact]
    public async Task Moving_the_focal_point_makes_a_new_social_card_and_keeps_the_old_file_for_pages_that_name_it()
    {
        var (client, id) = await UploadedAsync(TestImages.Jpeg(3000, 1000));
        var before = (await StoredAsync(id)).Variants.Single(v => v.Purpose == VariantPurpose.Social);

        var saved = await client.SubmitAsync($"/admin/media/{id}", "#describe-form", new Dictionary<string, string?> { ["FocalX"] = "5", ["FocalY"] = "50" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await StoredAsync(id);
        var social = after.Variants.Single(v => v.Purpose == VariantPurpose.Social);
        Assert.NotEqual(before.Key, social.Key);
        Assert.Equal(0.05, after.FocalX, 3);
        var reader = Factory.CreateBrowserClient("203.0.113.98");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(before.Url)).StatusCode); // pages and shares cached earlier still name it
        var bytes = await reader.GetByteArrayAsync(social.Url);
        Assert.True(TestImages.PixelAt(bytes, 800, 300).Red > 200, "the crop moved towards the (red) left side");
    }

    [Fact]
    public async Task A_focal_point_typed_with_a_decimal_comma_is_read_as_the_point_it_means()
    {
        var (client, id) = await UploadedAsync(TestImages.Jpeg(600, 400));

        var saved = await client.SubmitAsync($"/admin/media/{id}", "#describe-form", new Dictionary<string, string?> { ["FocalX"] = "33,5", ["FocalY"] = "50" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(0.335, (await StoredAsync(id)).FocalX, 3);
    }

    [Theory]
    [InlineData("abc", "50")]
    [InlineData("101", "50")]
    [InlineData("50", "-1")]
    [InlineData("NaN", "50")]
    public async Task A_focal_point_outside_the_picture_is_refused_with_the_words_kept(string x, string y)
    {
        var (client, id) = await UploadedAsync(TestImages.Jpeg(600, 400), alt: "Stays");

        var response = await client.SubmitAsync($"/admin/media/{id}", "#describe-form", new Dictionary<string, string?> { ["FocalX"] = x, ["FocalY"] = y, ["AltText"] = "Typed alt" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await HtmlClient.ParseAsync(response);
        Assert.Equal("Typed alt", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#AltText")!.Value);
        Assert.Equal("Stays", (await StoredAsync(id)).AltText);
    }

    private static Task<HttpResponseMessage> SaveWithNewPictureAsync(HttpClient client, byte[] file, string fileName, string? alt, string slug = "") =>
        client.SubmitAsync("/admin/articles/edit", "#article-editor", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Pictured in place",
            ["Input.Slug"] = slug,
            ["Input.Body"] = "Text.",
            ["Input.Status"] = "Published",
            ["NewPicture.AltText"] = alt,
            ["NewPicture.Credit"] = "Photo: Test",
        }, "button[formaction*=Save]", new Dictionary<string, (byte[], string)> { ["NewPictureFile"] = (file, fileName) });

    [Fact]
    public async Task A_featured_picture_uploaded_from_the_editor_joins_the_library_and_is_chosen()
    {
        var client = await Factory.SignedInAdminAsync();

        var response = await SaveWithNewPictureAsync(client, TestImages.Jpeg(1600, 900), "in-place.jpg", "A poster sent from the editor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var picture = (await StoredAsync()).Single(m => m.AltText == "A poster sent from the editor");
        Assert.Equal("Photo: Test", picture.Credit);
        var editor = await client.GetOkPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(picture.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), editor.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#Input_FeaturedMediaId")!.Value);
        Assert.Contains("chosen as the featured picture", editor.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_picture_sent_from_the_editor_is_refused_with_the_article_kept_and_nothing_stored()
    {
        var client = await Factory.SignedInAdminAsync();
        var itemsBefore = (await StoredAsync()).Count;

        var response = await SaveWithNewPictureAsync(client, BadFile("svg"), "poster.svg", "Typed alt");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await HtmlClient.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("#NewPictureFile-error"));
        Assert.Equal("Pictured in place", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Title")!.Value);
        Assert.Equal("Typed alt", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#NewPicture_AltText")!.Value);
        Assert.Equal(itemsBefore, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task A_picture_sent_from_the_editor_needs_alt_text()
    {
        var client = await Factory.SignedInAdminAsync();
        var itemsBefore = (await StoredAsync()).Count;

        var response = await SaveWithNewPictureAsync(client, TestImages.Jpeg(300, 200), "poster.jpg", alt: " ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await HtmlClient.ParseAsync(response)).QuerySelector("#NewPictureAltText-error"));
        Assert.Equal(itemsBefore, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task A_picture_sent_with_an_otherwise_refused_article_stays_chosen_so_the_next_save_needs_no_file()
    {
        var client = await Factory.SignedInAdminAsync();

        var refused = await SaveWithNewPictureAsync(client, TestImages.Jpeg(800, 450), "kept.jpg", "Kept through a refusal", slug: "Not A Slug!");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await HtmlClient.ParseAsync(refused);
        var picture = (await StoredAsync()).Single(m => m.AltText == "Kept through a refusal");
        Assert.Equal(picture.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#Input_FeaturedMediaId")!.Value);
        var again = await client.SubmitAsync(page, "#article-editor", new Dictionary<string, string?> { ["Input.Slug"] = "kept-through-a-refusal" }, "button[formaction*=Save]");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Single(await StoredAsync(), m => m.AltText == "Kept through a refusal");
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_upload_through_the_editor()
    {
        var anonymous = Factory.CreateBrowserClient("203.0.113.95");
        var itemsBefore = (await StoredAsync()).Count;
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestImages.Jpeg(100, 100)), "NewPictureFile", "x.jpg" },
            { new StringContent("alt"), "NewPicture.AltText" },
            { new StringContent("Sneaky"), "Input.Title" },
        };

        var response = await anonymous.PostAsync("/admin/articles/edit?handler=Save", content);

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, response.StatusCode.ToString());
        Assert.Equal(itemsBefore, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task A_featured_picture_that_no_longer_exists_is_refused_beside_the_field()
    {
        var client = await Factory.SignedInAdminAsync();

        var response = await client.SubmitAsync("/admin/articles/edit", "#article-editor", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Ghost picture",
            ["Input.Body"] = "Text.",
            ["Input.Status"] = "Draft",
            ["Input.FeaturedMediaId"] = "999999",
        }, "button[formaction*=Save]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await HtmlClient.ParseAsync(response)).QuerySelector("#featured-error"));
    }
}

public sealed class FileSystemMediaLibraryTests(FileSystemMediaLibraryTests.OnFiles factory) : MediaLibraryTests(factory), IClassFixture<FileSystemMediaLibraryTests.OnFiles>
{
    public sealed class OnFiles : MovieNewsFactory
    {
        // The folder named outright: on PostgreSQL there is no database file to sit beside.
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Media:Store"] = "FileSystem",
            ["Media:Directory"] = Path.Combine(DataDirectory, "media"),
        };
    }

    [Fact]
    public async Task Files_live_in_the_media_folder_under_their_hash_names()
    {
        var client = await Factory.SignedInAdminAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await client.UploadAsync(TestImages.Jpeg(500, 300), "../../escape.jpg")).StatusCode);

        var folder = Path.Combine(Factory.DataDirectory, "media");
        Assert.NotEmpty(Directory.GetFiles(folder));
        Assert.All(Directory.GetFiles(folder), path => Assert.True(MediaAddresses.IsKey(Path.GetFileName(path))));
        Assert.False(File.Exists(Path.Combine(Factory.DataDirectory, "..", "escape.jpg")));
    }
}

public sealed class DatabaseMediaLibraryTests(DatabaseMediaLibraryTests.OnRows factory) : MediaLibraryTests(factory), IClassFixture<DatabaseMediaLibraryTests.OnRows>
{
    public sealed class OnRows : MovieNewsFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Media:Store"] = "Database" };
    }

    [Fact]
    public async Task Files_are_rows_so_every_instance_sees_them()
    {
        var client = await Factory.SignedInAdminAsync();
        var response = await client.UploadAsync(TestImages.Jpeg(500, 300));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        Assert.True(await db.MediaBlobs.CountAsync() >= 7);
        Assert.False(Directory.Exists(Path.Combine(Factory.DataDirectory, "media")));
    }
}
