using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using MovieNews.IntegrationTests.Support;
using MovieNews.TestSupport;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.IntegrationTests.Admin;

/// <summary>Staff authors: credited on articles, with a page, a feed and structured data of their own.</summary>
public sealed class AuthorPagesTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Password = "author password 1";

    private async Task<(HttpClient Client, string Id)> StaffAsync(string email, string displayName, string address)
    {
        await factory.CreateStaffAsync(email, Password, Roles.Editor, displayName);
        var client = await factory.SignedInAsync(email, Password, address);
        return (client, (await factory.FindUserAsync(email))!.Id);
    }

    private static async Task<HttpResponseMessage> PublishAsync(HttpClient editor, string slug, IEnumerable<string>? authorIds = null, string? byline = null, string status = "Published")
    {
        var page = await editor.GetOkPageAsync("/admin/articles/edit");
        if (authorIds is null)
        {
            return await editor.SubmitAsync(page, "#article-editor", new Dictionary<string, string?>
            {
                ["Input.Title"] = $"Credited {slug}",
                ["Input.Slug"] = slug,
                ["Input.Body"] = "Written together.",
                ["Input.AuthorName"] = byline,
            }, $"button[name='Input.Status'][value={status}]");
        }

        // Several values of one field: post them by hand with the page's token.
        var token = page.QuerySelector("#article-editor input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token), new("Input.Title", $"Credited {slug}"), new("Input.Slug", slug),
            new("Input.Body", "Written together."), new("Input.AuthorName", byline ?? string.Empty), new("Input.Status", status), new("Input.CommentsOpen", "true"),
        };
        fields.AddRange(authorIds.Select(id => new KeyValuePair<string, string>("Input.AuthorIds", id)));
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return await editor.PostAsync("/admin/articles/edit?handler=Save", content);
    }

    [Fact]
    public async Task A_new_article_credits_the_editor_and_the_byline_links_to_their_page()
    {
        var (editor, _) = await StaffAsync("ana@movienews.test", "Ana Lopez", "198.18.9.1");

        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync(editor, "credited-ana")).StatusCode);
        var article = await factory.CreateBrowserClient().GetOkPageAsync("/articles/credited-ana");
        var authorPage = await factory.CreateBrowserClient().GetOkPageAsync("/authors/ana-lopez");

        Assert.Equal("/authors/ana-lopez", article.QuerySelector("article header a.author")!.GetAttribute("href"));
        Assert.Equal("Ana Lopez", authorPage.QuerySelector("h1")!.TextContent);
        Assert.Contains("Credited credited-ana", authorPage.QuerySelector(".article-summary h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/authors/ana-lopez", (await factory.CreateBrowserClient().GetOkPageAsync("/")).QuerySelector(".article-summary a.author")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Two_authors_share_the_byline_in_order_and_both_pages_list_the_article()
    {
        var (first, firstId) = await StaffAsync("ben@movienews.test", "Ben Okafor", "198.18.9.2");
        var (_, secondId) = await StaffAsync("cy@movienews.test", "Cy Tanaka", "198.18.9.3");

        Assert.Equal(HttpStatusCode.Redirect, (await PublishAsync(first, "two-authors", [secondId, firstId])).StatusCode);
        var article = await factory.CreateBrowserClient().GetOkPageAsync("/articles/two-authors");
        using var json = JsonDocument.Parse(article.QuerySelector("script[type='application/ld+json']")!.TextContent);

        Assert.Equal("By Cy Tanaka and Ben Okafor ·", article.QuerySelector("article header .meta")!.TextContent.Split('·')[0].Trim() + " ·");
        Assert.Equal("/authors/cy-tanaka /authors/ben-okafor", string.Join(" ", article.QuerySelectorAll("article header a.author").Select(a => a.GetAttribute("href"))));
        Assert.Equal("Cy Tanaka, Ben Okafor", string.Join(", ", json.RootElement.GetProperty("author").EnumerateArray().Select(p => p.GetProperty("name").GetString())));
        Assert.NotNull((await factory.CreateBrowserClient().GetOkPageAsync("/authors/cy-tanaka")).QuerySelector("a[href='/articles/two-authors']"));
        Assert.NotNull((await factory.CreateBrowserClient().GetOkPageAsync("/authors/ben-okafor")).QuerySelector("a[href='/articles/two-authors']"));
    }

    [Fact]
    public async Task A_typed_byline_is_shown_as_typed_without_links_while_the_author_is_still_credited()
    {
        var (editor, id) = await StaffAsync("dee@movienews.test", "Dee Ramos", "198.18.9.4");

        await PublishAsync(editor, "guest-byline", [id], byline: "A Guest Critic");
        var article = await factory.CreateBrowserClient().GetOkPageAsync("/articles/guest-byline");

        Assert.Equal("A Guest Critic", article.QuerySelector("article header .author")!.TextContent);
        Assert.Null(article.QuerySelector("article header a.author"));
        Assert.NotNull((await factory.CreateBrowserClient().GetOkPageAsync("/authors/dee-ramos")).QuerySelector("a[href='/articles/guest-byline']"));
    }

    [Fact]
    public async Task An_author_with_only_drafts_has_no_page_and_no_feed_yet()
    {
        var (editor, _) = await StaffAsync("eve@movienews.test", "Eve Draft", "198.18.9.5");

        await PublishAsync(editor, "only-a-draft", status: "Draft");

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync("/authors/eve-draft")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync("/authors/eve-draft/feed.xml")).StatusCode);
    }

    [Theory]
    [InlineData("/authors/nobody-here")]
    [InlineData("/authors/not_a_slug")]
    [InlineData("/authors/nobody-here/feed.xml")]
    public async Task Unknown_authors_are_404(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_profile_bio_and_picture_appear_on_the_author_page_and_in_its_person_data_never_the_email()
    {
        var (editor, _) = await StaffAsync("fay@movienews.test", "Fay Moreau", "198.18.9.6");
        await PublishAsync(editor, "fay-writes");
        var upload = await editor.UploadAsync(TestImages.Jpeg(800, 800), "fay.jpg", "Fay Moreau smiling");
        var pictureId = upload.UploadedId().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var saved = await editor.SubmitAsync("/admin/profile", "#author-form", new Dictionary<string, string?>
        {
            ["Bio"] = "Film critic since 2009. <script>alert(1)</script>",
            ["PictureMediaId"] = pictureId,
        });
        var html = await factory.CreateBrowserClient().GetStringAsync("/authors/fay-moreau");
        var page = await factory.CreateBrowserClient().GetOkPageAsync("/authors/fay-moreau");
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var person = json.RootElement.GetProperty("mainEntity");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Film critic since 2009. <script>alert(1)</script>", page.QuerySelector(".author-bio")!.TextContent);
        Assert.Null(page.QuerySelector(".author-bio script"));
        Assert.Equal("Fay Moreau smiling", page.QuerySelector("img.author-picture")!.GetAttribute("alt"));
        Assert.Equal("ProfilePage", json.RootElement.GetProperty("@type").GetString());
        Assert.Equal("Person", person.GetProperty("@type").GetString());
        Assert.Equal("Fay Moreau", person.GetProperty("name").GetString());
        Assert.StartsWith("Film critic", person.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("/media/", person.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("fay@movienews.test", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_bio_too_long_is_refused_beside_the_field_and_kept()
    {
        var (editor, _) = await StaffAsync("gil@movienews.test", "Gil Long", "198.18.9.7");
        var bio = new string('b', 501);

        var response = await editor.SubmitAsync("/admin/profile", "#author-form", new Dictionary<string, string?> { ["Bio"] = bio });
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#Bio-error"));
        Assert.Equal(bio, page.QuerySelector("#Bio")!.TextContent);
    }

    [Fact]
    public async Task The_author_feed_holds_only_their_articles()
    {
        var (hal, _) = await StaffAsync("hal@movienews.test", "Hal Feed", "198.18.9.8");
        var (ida, _) = await StaffAsync("ida@movienews.test", "Ida Other", "198.18.9.9");
        await PublishAsync(hal, "hal-one");
        await PublishAsync(ida, "ida-one");

        var response = await factory.CreateBrowserClient().GetAsync("/authors/hal-feed/feed.xml");
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(reader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hal Feed", feed.Title.Text, StringComparison.Ordinal);
        Assert.Equal(["Credited hal-one"], feed.Items.Select(i => i.Title.Text).ToArray());
        Assert.Equal("Hal Feed", feed.Items.Single().Authors.Single().Name);
        Assert.NotNull((await factory.CreateBrowserClient().GetOkPageAsync("/authors/hal-feed")).QuerySelector("link[rel=alternate][href='/authors/hal-feed/feed.xml']"));
    }

    [Fact]
    public async Task The_sitemap_lists_author_pages_that_exist_and_not_the_others()
    {
        var (lia, _) = await StaffAsync("lia@movienews.test", "Lia Mapped", "198.18.9.12");
        var (max, _) = await StaffAsync("max@movienews.test", "Max Unmapped", "198.18.9.13");
        await PublishAsync(lia, "lia-mapped");
        await PublishAsync(max, "max-draft", status: "Draft");

        var sitemap = await factory.CreateBrowserClient().GetStringAsync("/sitemap.xml");

        Assert.Contains("/authors/lia-mapped</loc>", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain("/authors/max-unmapped", sitemap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_display_name_renames_the_linked_bylines_and_the_author_page_but_not_typed_ones()
    {
        var (editor, id) = await StaffAsync("jo@movienews.test", "Jo Before", "198.18.9.10");
        await PublishAsync(editor, "jo-linked");
        await PublishAsync(editor, "jo-typed", [id], byline: "Jo As Typed");
        var reader = factory.CreateBrowserClient();
        await reader.GetOkPageAsync("/articles/jo-linked");
        await reader.GetOkPageAsync("/authors/jo-before");

        await editor.SubmitAsync("/admin/profile", "#name-form", new Dictionary<string, string?> { ["DisplayName"] = "Jo After" });

        Assert.Equal("Jo After", (await reader.GetOkPageAsync("/articles/jo-linked")).QuerySelector("article header a.author")!.TextContent);
        Assert.Equal("Jo As Typed", (await reader.GetOkPageAsync("/articles/jo-typed")).QuerySelector("article header .author")!.TextContent);
        Assert.Equal("Jo After", (await reader.GetOkPageAsync("/authors/jo-before")).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task An_author_id_that_is_not_an_account_is_refused_with_the_form_kept()
    {
        var (editor, _) = await StaffAsync("kim@movienews.test", "Kim Check", "198.18.9.11");

        var response = await PublishAsync(editor, "ghost-author", ["no-such-user"]);
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#authors-error"));
        Assert.Equal("Written together.", page.QuerySelector("#Input_Body")!.TextContent);
    }
}
