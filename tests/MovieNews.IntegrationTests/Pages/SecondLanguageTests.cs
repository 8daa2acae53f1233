using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Pages;

public sealed class GermanFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Site:Language"] = "de" };
}

/// <summary>With <c>Site:Language=de</c> readers get the site in German: its words, its dates and numbers, and <c>lang</c>.</summary>
public sealed partial class SecondLanguageTests(GermanFactory factory) : IClassFixture<GermanFactory>
{
    [Fact]
    public async Task Pages_say_their_language_and_use_its_words()
    {
        var home = await factory.CreateClient().GetOkPageAsync("/");

        Assert.Equal("de", home.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Neueste Artikel", home.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Neueste", "Schlagwörter", "Suche"], home.Texts(".site-header nav a"));
        Assert.Equal("Zum Inhalt springen", home.QuerySelector(".skip-link")!.TextContent);
    }

    [Fact]
    public async Task Dates_and_counts_are_written_the_german_way()
    {
        await factory.CreatePublishedArticleAsync("deutsches-datum", "Ein Text.", ArticleStatus.Published, new DateTime(2025, 3, 9, 12, 0, 0, DateTimeKind.Utc));

        var article = await factory.CreateClient().GetOkPageAsync("/articles/deutsches-datum");

        Assert.Equal("9. März 2025", article.QuerySelector(".article .meta time")!.TextContent);
        Assert.StartsWith("Von ", article.QuerySelector(".article .meta")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("1 Min. Lesezeit", article.QuerySelector(".article .meta")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Noch keine Kommentare", article.QuerySelector("#comments-title")!.TextContent);
        Assert.Equal("Kommentar senden", article.QuerySelector(".comment-form button[type=submit]")!.TextContent);
    }

    [Fact]
    public async Task A_page_that_does_not_exist_says_so_in_german()
    {
        var response = await factory.CreateClient().GetAsync("/no-such-page");
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("Seite nicht gefunden", page.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("{0} {1} {{", "A name with braces {0}")]
    [InlineData("<script>alert(1)</script>", "<b>Bold</b> {0:N0} and “quotes”")]
    public async Task Hostile_comments_are_shown_as_text_in_german_and_break_nothing(string name, string body)
    {
        await factory.CreatePublishedArticleAsync("deutsch-feindlich", "Ein Text.");
        var client = factory.CreateClient();
        var page = await client.GetOkPageAsync("/articles/deutsch-feindlich");

        var posted = await client.SubmitCommentFormAsync(page, Comment(body, name));
        var refused = await client.SubmitCommentFormAsync(page, Comment(body, name: name, website: "not a {0} web address"));

        Assert.True((int)posted.StatusCode < 400, $"{(int)posted.StatusCode}");
        Assert.Equal(400, (int)refused.StatusCode);
        var after = await client.GetOkPageAsync("/articles/deutsch-feindlich");
        Assert.Empty(after.QuerySelectorAll(".comment-body script, .comment-author script, .comment-body b"));
        Assert.Contains(after.QuerySelectorAll(".comment-author"), a => a.TextContent.Trim() == name);
        Assert.Contains(after.QuerySelectorAll(".comment-reply .visually-hidden"), r => r.TextContent.Trim() == $"auf {name}");
    }

    [Fact]
    public void Every_german_entry_keeps_the_placeholders_of_its_english_key()
    {
        var german = System.Xml.Linq.XDocument.Load(Path.Combine(AppContext.BaseDirectory, "SiteText.de.resx"));
        var wrong = german.Root!.Elements("data")
            .Where(d => Placeholders(d.Attribute("name")!.Value) != Placeholders(d.Element("value")!.Value))
            .Select(d => d.Attribute("name")!.Value)
            .ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void No_two_english_keys_differ_only_in_case()
    {
        // Resource names are matched without case when the file is built: such a pair would lose one translation.
        var names = System.Xml.Linq.XDocument.Load(Path.Combine(AppContext.BaseDirectory, "SiteText.de.resx")).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_text_the_code_asks_for_has_german_words()
    {
        // Text marked in views (T["…"]) and in code (SiteText.Get / Format) with no entry would stay English on a German site.
        var source = Path.Combine(RepositoryRoot(), "src", "MovieNews.Web");
        var german = System.Xml.Linq.XDocument.Load(Path.Combine(AppContext.BaseDirectory, "SiteText.de.resx")).Root!.Elements("data")
            .Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);
        var missing = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => MarkedText().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: System.Text.RegularExpressions.Regex.Unescape(m.Groups[1].Value))))
            .Where(marked => !german.Contains(marked.Key))
            .Select(marked => $"{marked.File}: {marked.Key}")
            .Distinct()
            .ToList();

        Assert.Empty(missing);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:\bT\[|SiteText\.(?:Get|Format|Capitalized)\()\s*""((?:[^""\\]|\\.)*)""")]
    private static partial System.Text.RegularExpressions.Regex MarkedText();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MovieNews.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("MovieNews.sln not found above the test binaries.");
    }

    private static string Placeholders(string text) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+(:[^}]*)?\}").Select(m => m.Value).Order(StringComparer.Ordinal));
}

public sealed class UnknownLanguageTests
{
    private sealed class KlingonFactory : MovieNewsFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Site:Language"] = "tlh" };
    }

    [Fact]
    public void A_language_the_site_has_no_words_for_stops_the_start_with_a_message()
    {
        using var factory = new KlingonFactory();

        var refused = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Site:Language", refused.Message, StringComparison.Ordinal);
    }
}

/// <summary>The admin area in the site's second language, page by page, as an admin signs in and looks around.</summary>
public sealed class GermanAdminTests(GermanFactory factory) : IClassFixture<GermanFactory>
{
    private static readonly (string Url, string Heading)[] _pages =
    [
        ("/admin", "Übersicht"), ("/admin/articles", "Artikel"), ("/admin/articles/edit", "Neuer Artikel"), ("/admin/review", "Prüfung"),
        ("/admin/comments", "Kommentare"), ("/admin/comments/reported", "Kommentare"), ("/admin/media", "Mediathek"),
        ("/admin/media/upload", "Ein Bild hochladen"), ("/admin/bans", "Sperren"), ("/admin/bans/new", "Neue Sperre"),
        ("/admin/audit", "Protokoll"), ("/admin/privacy", "Datenschutzanfragen"), ("/admin/settings", "Einstellungen"),
        ("/admin/users", "Benutzer"), ("/admin/profile", "Ihr Profil"),
    ];

    public static TheoryData<string, string> AdminPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var (url, heading) in _pages)
        {
            data.Add(url, heading);
        }

        return data;
    }

    public static TheoryData<string> AdminUrls() => [.. _pages.Select(p => p.Url)];

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Every_admin_page_opens_in_german(string url, string heading)
    {
        var admin = await factory.SignedInAdminAsync("192.0.2.80");

        var page = await admin.GetOkPageAsync(url);

        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Übersicht", page.QuerySelector(".admin-nav a[href='/admin']")!.TextContent);
        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [MemberData(nameof(AdminUrls))]
    public async Task No_control_or_heading_on_an_admin_page_is_left_in_english(string url)
    {
        var admin = await factory.SignedInAdminAsync("192.0.2.81");
        var page = await admin.GetOkPageAsync(url);

        var english = page.QuerySelectorAll("main h1, main h2, main h3, main label, main legend, main button, main th, main option, main summary, main .hint")
            .Where(e => e.Closest(".author-choices") is null) // staff names
            .Select(e => e.TextContent.Trim())
            .Concat(page.QuerySelectorAll("main [placeholder], main [aria-label], main [data-label]")
                .SelectMany(e => new[] { e.GetAttribute("placeholder"), e.GetAttribute("aria-label"), e.GetAttribute("data-label") }))
            .Where(text => text is { Length: > 0 } && text != RoleKeptInGerman && _translated.Value.Contains(text))
            .Distinct()
            .ToList();

        Assert.Empty(english);
    }

    /// <summary>The role is "Admin" in German too; the word "Admin" alone, as a place, is "Verwaltung".</summary>
    private const string RoleKeptInGerman = "Admin";

    /// <summary>English texts that have German words different from themselves: seeing one on a German page means it was missed.</summary>
    private static readonly Lazy<HashSet<string>> _translated = new(() =>
        System.Xml.Linq.XDocument.Load(Path.Combine(AppContext.BaseDirectory, "SiteText.de.resx")).Root!.Elements("data")
            .Where(d => d.Attribute("name")!.Value != d.Element("value")!.Value)
            .Select(d => d.Attribute("name")!.Value.Trim())
            .ToHashSet(StringComparer.Ordinal));
}
