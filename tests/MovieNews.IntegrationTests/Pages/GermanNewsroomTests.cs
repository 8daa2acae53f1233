using System.Net;
using AngleSharp.Dom;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Mail;
using static MovieNews.IntegrationTests.Support.MailJourney;

namespace MovieNews.IntegrationTests.Pages;

/// <summary>A German newsroom sending mail: its e-mails in German.</summary>
public sealed class GermanMailFactory : MailFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Site:Language"] = "de";
            return settings;
        }
    }
}

/// <summary>
/// What the staff of a German site read besides the pages: why a comment was held, the refusals of Identity and of the
/// media library, and the e-mails, including the digest that is written outside any request.
/// </summary>
public sealed class GermanNewsroomTests(GermanMailFactory factory) : IClassFixture<GermanMailFactory>
{
    private static readonly DateTime _published = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_held_comment_says_why_in_german_in_the_queue_and_in_the_digest()
    {
        await factory.CreateArticleAsync("deutsch-links", ArticleStatus.Published, _published);
        var admin = await factory.SignedInAdminAsync("192.0.2.90");
        await admin.SubmitAsync("/admin/profile", "#digest-form", new Dictionary<string, string?> { ["Digest"] = "true" });
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        await factory.CreateBrowserClient().CommentAsync("deutsch-links", "Siehe https://a.example und https://b.example", "Vera", "vera@example.com");
        var queue = await admin.GetOkPageAsync("/admin/comments");
        var digest = await DigestAsync();

        Assert.Contains(queue.QuerySelectorAll(".reasons li"), r => r.TextContent == "2 Links (Kommentare mit 2 oder mehr werden zurückgehalten).");
        Assert.Matches(@"^(1 Kommentar wartet|\d+ Kommentare warten) auf Moderation$", digest.Subject);
        Assert.Contains("Vera zu „", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Warteschlange öffnen", WebUtility.HtmlDecode(digest.HtmlBody), StringComparison.Ordinal);
    }

    private async Task<OutboxMessage> DigestAsync()
    {
        for (var waited = 0; waited < 300; waited++)
        {
            if (await factory.OutboxAsync(q => Task.FromResult(q.FirstOrDefault(m => m.Kind == MailKinds.Digest))) is { } digest)
            {
                return digest;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No digest was queued within 30 seconds.");
    }

    [Fact]
    public async Task A_submission_for_review_is_mailed_to_the_editors_in_german()
    {
        await factory.CreateStaffAsync("beitrag@movienews.test", "german review password", Roles.Contributor, "Bea Beitrag");
        var contributor = await factory.SignedInAsync("beitrag@movienews.test", "german review password", "192.0.2.91");

        var response = await contributor.SubmitAsync("/admin/articles/edit", "#article-editor", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Fortsetzung",
            ["Input.Slug"] = "fortsetzung",
            ["Input.Body"] = "Was wir wissen.",
        }, "button[name='Input.Status'][value=InReview]");
        var mail = await factory.OutboxAsync(q => Task.FromResult(q.Single(m => m.Kind == MailKinds.Review && m.ToAddress == MovieNewsFactory.AdminEmail && m.Subject.Contains("Fortsetzung"))));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Zur Prüfung: „Fortsetzung“ — MovieNews", mail.Subject);
        Assert.Contains("Bea Beitrag hat „Fortsetzung“ zur Prüfung eingereicht.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Sie erhalten diese Nachricht, weil Sie zur Redaktion von MovieNews gehören.", WebUtility.HtmlDecode(mail.HtmlBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_identity_refuses_is_refused_in_german_with_the_form_kept()
    {
        var admin = await factory.SignedInAdminAsync("192.0.2.92");

        var response = await admin.SubmitAsync("/admin/users", "form[action*='handler=Create']", new Dictionary<string, string?>
        {
            ["Email"] = "kurz@movienews.test",
            ["DisplayName"] = "Kurt Kurz",
            ["Role"] = Roles.Author,
            ["Password"] = "zu kurz",
        });
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Passwörter müssen mindestens 12 Zeichen lang sein.", page.QuerySelector("#Password-error")!.TextContent.Trim());
        Assert.Equal("kurz@movienews.test", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Email")!.Value);
    }

    [Fact]
    public async Task A_refused_upload_says_why_in_german()
    {
        var admin = await factory.SignedInAdminAsync("192.0.2.93");

        var response = await admin.UploadAsync("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "vektor.svg", alt: "Ein Vektor");
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("SVG- und andere Markup-Dateien können nicht hochgeladen werden", page.QuerySelector("#File-error")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Ein Vektor", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#AltText")!.Value);
    }

    [Fact]
    public async Task A_comment_held_by_readers_reports_says_why_in_german()
    {
        await factory.CreateArticleAsync("deutsch-gemeldet", ArticleStatus.Published, _published);
        var posted = await factory.CreateBrowserClient("192.0.2.94").PostCommentAsync("/articles/deutsch-gemeldet", CommentForms.Comment("Ein Kommentar, den jemand melden wird.", name: "Rolf"));
        var id = CommentQueries.CommentId(posted.Headers.Location!.OriginalString);
        foreach (var (reader, reason) in new[] { (1, "Spam"), (2, "Spam"), (3, "Abuse") })
        {
            await factory.CreateBrowserClient($"198.51.100.{reader}").ReportAsync("deutsch-gemeldet", id, reason);
        }

        var queue = await (await factory.SignedInAdminAsync("192.0.2.95")).GetOkPageAsync("/admin/comments");

        Assert.Contains("Automatisch zurückgehalten: von 3 Lesern gemeldet (Spam × 2, Beleidigung oder Belästigung × 1).",
            queue.QuerySelectorAll(".reasons li").Select(r => r.TextContent));
    }

    [Fact]
    public async Task Feeds_say_they_are_german()
    {
        var rss = await factory.CreateClient().GetStringAsync("/feed.xml");
        var atom = await factory.CreateClient().GetStringAsync("/atom.xml");

        Assert.Contains("<language>de</language>", rss, StringComparison.Ordinal);
        Assert.Contains("Nachrichten und Gespräche über Filme und Serien.", rss, StringComparison.Ordinal);
        Assert.Contains("xml:lang=\"de\"", atom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_admin_made_at_start_up_gets_the_german_default_byline()
    {
        var admin = await factory.FindUserAsync(MovieNewsFactory.AdminEmail);

        Assert.Equal("Redaktion", admin!.DisplayName);
    }
}
