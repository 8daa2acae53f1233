using System.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.TestSupport;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Portability;

namespace MovieNews.IntegrationTests.Discovery;

/// <summary><c>import-wxr FILE --uploads DIR</c>: attachments from a copy of wp-content/uploads into the media library.</summary>
public sealed class WordPressUploadsTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    /// <summary>A WordPress site's folder of its own for each test: <c>uploads/</c> inside, and room beside it.</summary>
    private string NewSite()
    {
        var site = Path.Combine(factory.DataDirectory, "wordpress-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(site, "uploads"));
        return site;
    }

    private static void Put(string site, string file, byte[] content)
    {
        var path = Path.Combine(site, "uploads", file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    private async Task<(int Exit, string Output)> ImportAsync(string site, string[] items, bool withUploads = true)
    {
        var file = Path.Combine(site, "export.xml");
        await File.WriteAllTextAsync(file, Export(items));
        var output = new StringWriter();
        string[] args = withUploads ? ["import-wxr", file, "--uploads", Path.Combine(site, "uploads")] : ["import-wxr", file];
        var exit = await WxrImportCommand.RunAsync(factory.Services, args, output);
        return (exit, output.ToString());
    }

    private async Task<T> QueryAsync<T>(Func<MovieNewsDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>());
    }

    private Task<MediaItem> PictureAsync(string fileName, string uploadedFrom) => QueryAsync(db =>
        db.MediaItems.Include(m => m.Variants).SingleAsync(m => m.FileName == fileName && m.ImportKey!.EndsWith(":" + uploadedFrom)));

    [Fact]
    public async Task Attachments_become_library_pictures_with_alt_text_featured_images_and_library_addresses_in_posts()
    {
        var site = NewSite();
        Put(site, "2023/05/poster.jpg", TestImages.Jpeg(640, 400));
        Put(site, "2023/05/airport.jpg", TestImages.Jpeg(320, 200));
        Put(site, "2023/06/night-shot.jpg", TestImages.Jpeg(300, 300));
        var post = Post(20, "casablanca-pictures", thumbnailId: 31, html: """
            <p><a href="https://oldfilms.example/wp-content/uploads/2023/05/poster.jpg"><img src="https://oldfilms.example/wp-content/uploads/2023/05/poster-300x200.jpg" alt="Rick" width="300" height="200" /></a></p>
            <p><img src="https://oldfilms.example/blog/wp-content/uploads/2023/05/airport.jpg?ver=2" alt="The airport" /></p>
            <p><img src="/wp-content/uploads/2023/06/night-shot-150x150.jpg" alt="" /></p>
            <p>The <a href="https://oldfilms.example/2023/05/casablanca/">old review</a> stays where it was.</p>
            """);

        var (exit, output) = await ImportAsync(site,
        [
            post,
            Attachment(31, "Poster", "2023/05/poster.jpg", alt: "Bogart in a white dinner jacket", caption: "Rick&#8217;s Caf&eacute; Am&eacute;ricain"),
            Attachment(32, "The airport", "2023/05/airport.jpg"),
            Attachment(33, "", attachedFile: null, url: "https://oldfilms.example/wp-content/uploads/2023/06/night-shot.jpg"),
        ]);

        Assert.Equal(0, exit);
        Assert.Contains("Imported 3 pictures (0 already present)", output, StringComparison.Ordinal);
        Assert.Contains("[##############################] 3/3 pictures", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not imported", output, StringComparison.Ordinal);
        var poster = await PictureAsync("poster.jpg", "2023/05/poster.jpg");
        var airport = await PictureAsync("airport.jpg", "2023/05/airport.jpg");
        var night = await PictureAsync("night-shot.jpg", "2023/06/night-shot.jpg");
        Assert.Equal(("Bogart in a white dinner jacket", "Rick’s Café Américain"), (poster.AltText, poster.Caption));
        Assert.Equal(("The airport", null), (airport.AltText, airport.Caption));
        Assert.Equal("night-shot", night.AltText);
        Assert.Equal((640, 400), (poster.Width, poster.Height));

        var article = await QueryAsync(db => db.Articles.Include(a => a.BodyMedia).SingleAsync(a => a.Slug == "casablanca-pictures"));
        Assert.Equal(poster.Id, article.FeaturedMediaId);
        Assert.DoesNotContain("wp-content", article.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains($"[![Rick]({MediaMarkdown.InsertUrl(poster)})]({MediaMarkdown.InsertUrl(poster)})", article.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains($"![The airport]({MediaMarkdown.InsertUrl(airport)})", article.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains($"]({MediaMarkdown.InsertUrl(night)})", article.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("(https://oldfilms.example/2023/05/casablanca/)", article.BodyMarkdown, StringComparison.Ordinal);
        Assert.Equal(new[] { poster.Id, airport.Id, night.Id }.Order(), article.BodyMedia.Select(m => m.Id).Order());

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/casablanca-pictures");
        var body = page.QuerySelector(".article-body")!.InnerHtml;
        Assert.DoesNotContain("wp-content", body, StringComparison.Ordinal);
        Assert.Contains(MediaMarkdown.InsertUrl(airport), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_the_same_export_and_uploads_twice_adds_no_pictures()
    {
        var site = NewSite();
        Put(site, "2022/01/bergman.jpg", TestImages.Jpeg(200, 300));
        string[] items =
        [
            Post(40, "bergman-again", thumbnailId: 41, html: """<p><img src="https://oldfilms.example/wp-content/uploads/2022/01/bergman-200x300.jpg" alt="Ilsa" /></p>"""),
            Attachment(41, "Ingrid Bergman", "2022/01/bergman.jpg"),
        ];
        await ImportAsync(site, items);
        var count = await QueryAsync(db => db.MediaItems.CountAsync());

        var (exit, output) = await ImportAsync(site, items);

        Assert.Equal(0, exit);
        Assert.Contains("Imported 0 articles (1 already present)", output, StringComparison.Ordinal);
        Assert.Contains("Imported 0 pictures (1 already present)", output, StringComparison.Ordinal);
        Assert.Equal(count, await QueryAsync(db => db.MediaItems.CountAsync()));
    }

    [Fact]
    public async Task A_missing_or_refused_file_is_named_in_the_summary_and_the_rest_still_imports()
    {
        var site = NewSite();
        Put(site, "2023/07/lobby-card.jpg", TestImages.Jpeg(400, 250));
        Put(site, "2023/07/press-kit.pdf", "%PDF-1.4 not a picture"u8.ToArray());

        var (exit, output) = await ImportAsync(site,
        [
            Post(50, "lobby-cards", thumbnailId: 52, html: """
                <p><img src="https://oldfilms.example/wp-content/uploads/2023/07/lobby-card.jpg" alt="Lobby card" /></p>
                <p><img src="https://oldfilms.example/wp-content/uploads/2023/07/lost-still-300x200.jpg" alt="Lost" /></p>
                """),
            Attachment(51, "Lobby card", "2023/07/lobby-card.jpg"),
            Attachment(52, "Lost still", "2023/07/lost-still.jpg"),
            Attachment(53, "Press kit", "2023/07/press-kit.pdf"),
        ]);

        Assert.Equal(0, exit);
        Assert.Contains("Imported 1 articles", output, StringComparison.Ordinal);
        Assert.Contains("Imported 1 pictures (0 already present)", output, StringComparison.Ordinal);
        Assert.Contains("2 attachments were not imported", output, StringComparison.Ordinal);
        Assert.Contains("2023/07/lost-still.jpg: not found", output, StringComparison.Ordinal);
        Assert.Contains("2023/07/press-kit.pdf: ", output, StringComparison.Ordinal);
        var lobby = await PictureAsync("lobby-card.jpg", "2023/07/lobby-card.jpg");
        var article = await QueryAsync(db => db.Articles.SingleAsync(a => a.Slug == "lobby-cards"));
        Assert.Null(article.FeaturedMediaId);
        Assert.Contains(MediaMarkdown.InsertUrl(lobby), article.BodyMarkdown, StringComparison.Ordinal);
        Assert.Contains("https://oldfilms.example/wp-content/uploads/2023/07/lost-still-300x200.jpg", article.BodyMarkdown, StringComparison.Ordinal);
        Assert.False(await QueryAsync(db => db.MediaItems.AnyAsync(m => m.FileName == "press-kit.pdf")));
    }

    [Fact]
    public async Task A_file_name_that_leads_out_of_the_uploads_folder_is_refused_unread()
    {
        var site = NewSite();
        var secret = Path.Combine(site, "secret.jpg");
        await File.WriteAllBytesAsync(secret, TestImages.Jpeg(120, 80));
        Put(site, "2023/08/fine.jpg", TestImages.Jpeg(160, 90));
        Directory.CreateDirectory(Path.Combine(site, "uploads", "2023", "08"));
        File.CreateSymbolicLink(Path.Combine(site, "uploads", "2023", "08", "linked.jpg"), secret);

        var (exit, output) = await ImportAsync(site,
        [
            Post(60, "escape-attempts", thumbnailId: 61, html: "<p>Nothing to see.</p>"),
            Attachment(61, "Up one", "../secret.jpg"),
            Attachment(62, "Up and down", "2023/08/../../../secret.jpg"),
            Attachment(63, "Absolute", secret),
            Attachment(64, "Backslashes", @"2023\..\..\secret.jpg"),
            Attachment(65, "Link out", "2023/08/linked.jpg"),
            Attachment(66, "Encoded", attachedFile: null, url: "https://oldfilms.example/wp-content/uploads/%2e%2e/secret.jpg"),
            Attachment(67, "Fine", "2023/08/fine.jpg"),
        ]);

        Assert.Equal(0, exit);
        Assert.Contains("Imported 1 pictures (0 already present)", output, StringComparison.Ordinal);
        Assert.Contains("../secret.jpg: outside the uploads folder, not read.", output, StringComparison.Ordinal);
        Assert.Contains("2023/08/../../../secret.jpg: outside the uploads folder", output, StringComparison.Ordinal);
        Assert.Contains($"{secret}: outside the uploads folder", output, StringComparison.Ordinal);
        Assert.Contains("2023/../../secret.jpg: outside the uploads folder", output, StringComparison.Ordinal);
        Assert.Contains("2023/08/linked.jpg: outside the uploads folder", output, StringComparison.Ordinal);
        Assert.Contains("6 attachments were not imported", output, StringComparison.Ordinal);
        Assert.False(await QueryAsync(db => db.MediaItems.AnyAsync(m => m.Width == 120 && m.Height == 80)));
        Assert.Null((await QueryAsync(db => db.Articles.SingleAsync(a => a.Slug == "escape-attempts"))).FeaturedMediaId);
    }

    [Fact]
    public async Task Without_uploads_attachments_are_left_alone_as_before()
    {
        var site = NewSite();
        Put(site, "2023/09/left.jpg", TestImages.Jpeg(100, 100));

        var (exit, output) = await ImportAsync(site,
        [
            Post(70, "no-uploads-given", thumbnailId: 71, html: """<p><img src="https://oldfilms.example/wp-content/uploads/2023/09/left.jpg" alt="Left" /></p>"""),
            Attachment(71, "Left", "2023/09/left.jpg"),
        ], withUploads: false);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("pictures", output, StringComparison.Ordinal);
        var article = await QueryAsync(db => db.Articles.SingleAsync(a => a.Slug == "no-uploads-given"));
        Assert.Null(article.FeaturedMediaId);
        Assert.Contains("https://oldfilms.example/wp-content/uploads/2023/09/left.jpg", article.BodyMarkdown, StringComparison.Ordinal);
        Assert.False(await QueryAsync(db => db.MediaItems.AnyAsync(m => m.FileName == "left.jpg")));
    }

    [Fact]
    public async Task An_uploads_folder_that_does_not_exist_is_a_usage_error()
    {
        var site = NewSite();
        var file = Path.Combine(site, "export.xml");
        await File.WriteAllTextAsync(file, Export([Post(80, "never-imported", null, "<p>x</p>")]));
        var output = new StringWriter();

        var exit = await WxrImportCommand.RunAsync(factory.Services, ["import-wxr", file, "--uploads", Path.Combine(site, "nowhere")], output);

        Assert.Equal(2, exit);
        Assert.Contains("--uploads DIR", output.ToString(), StringComparison.Ordinal);
        Assert.False(await QueryAsync(db => db.Articles.AnyAsync(a => a.Slug == "never-imported")));
    }

    private static string Export(string[] items) => $"""
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0"
          xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
          xmlns:content="http://purl.org/rss/1.0/modules/content/"
          xmlns:dc="http://purl.org/dc/elements/1.1/"
          xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
          <title>Old Film Blog</title>
          <link>https://oldfilms.example</link>
          <wp:wxr_version>1.2</wp:wxr_version>
        {string.Join("\n", items)}
        </channel>
        </rss>
        """;

    private static string Meta(string key, string? value) => value is null
        ? string.Empty
        : $"<wp:postmeta><wp:meta_key><![CDATA[{key}]]></wp:meta_key><wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>";

    private static string Post(int id, string slug, int? thumbnailId, string html) => $"""
          <item>
            <title>{slug}</title>
            <dc:creator><![CDATA[rick]]></dc:creator>
            <content:encoded><![CDATA[{html}]]></content:encoded>
            <excerpt:encoded><![CDATA[]]></excerpt:encoded>
            <wp:post_id>{id}</wp:post_id>
            <wp:post_date_gmt>2023-05-01 09:00:00</wp:post_date_gmt>
            <wp:comment_status>open</wp:comment_status>
            <wp:post_name>{slug}</wp:post_name>
            <wp:status>publish</wp:status>
            <wp:post_type>post</wp:post_type>
            {Meta("_thumbnail_id", thumbnailId?.ToString(System.Globalization.CultureInfo.InvariantCulture))}
          </item>
        """;

    private static string Attachment(int id, string title, string? attachedFile, string? alt = null, string caption = "", string? url = null) => $"""
          <item>
            <title>{SecurityElement.Escape(title)}</title>
            <dc:creator><![CDATA[rick]]></dc:creator>
            <content:encoded><![CDATA[]]></content:encoded>
            <excerpt:encoded><![CDATA[{caption}]]></excerpt:encoded>
            <wp:post_id>{id}</wp:post_id>
            <wp:post_date_gmt>2023-05-01 08:00:00</wp:post_date_gmt>
            <wp:post_name>attachment-{id}</wp:post_name>
            <wp:status>inherit</wp:status>
            <wp:post_type>attachment</wp:post_type>
            <wp:attachment_url>{SecurityElement.Escape(url ?? "https://oldfilms.example/wp-content/uploads/" + attachedFile)}</wp:attachment_url>
            {Meta("_wp_attached_file", attachedFile)}
            {Meta("_wp_attachment_image_alt", alt)}
          </item>
        """;
}
