using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Moderation;

public sealed class CommentValidatorTests
{
    private static Dictionary<string, string> Validate(
        string name = "Reader", string? email = null, string? website = null, string body = "Hello", string? parentId = null) =>
        CommentValidator.Validate(new NormalizedComment(name, email, website, body, parentId));

    [Fact]
    public void A_plain_comment_is_valid() => Assert.Empty(Validate());

    [Fact]
    public void A_missing_name_is_an_error() => Assert.Contains("Name", Validate(name: "").Keys);

    [Fact]
    public void A_name_of_100_characters_is_valid() => Assert.Empty(Validate(name: new string('n', 100)));

    [Fact]
    public void A_name_of_101_characters_is_an_error() =>
        Assert.Contains("at most 100", Validate(name: new string('n', 101))["Name"], StringComparison.Ordinal);

    [Fact]
    public void An_empty_body_is_an_error() => Assert.Contains("Body", Validate(body: "").Keys);

    [Fact]
    public void A_body_of_10000_characters_is_valid() => Assert.Empty(Validate(body: new string('b', 10_000)));

    [Fact]
    public void A_body_of_10001_characters_is_an_error() =>
        Assert.Contains("at most 10,000", Validate(body: new string('b', 10_001))["Body"], StringComparison.Ordinal);

    [Theory]
    [InlineData("reader@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    public void Well_formed_emails_are_valid(string email) => Assert.Empty(Validate(email: email));

    [Fact]
    public void An_email_of_254_characters_is_valid() =>
        Assert.Empty(Validate(email: new string('a', 64) + "@" + new string('b', 185) + ".com"));

    [Fact]
    public void An_email_of_255_characters_is_an_error() =>
        Assert.Contains("Email", Validate(email: new string('a', 64) + "@" + new string('b', 186) + ".com").Keys);

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("@example.com")]
    [InlineData("reader@")]
    [InlineData("reader@localhost")]
    [InlineData("a@b@example.com")]
    [InlineData("Reader <reader@example.com>")]
    [InlineData("reader@example.com.")]
    [InlineData("\"quoted\"@example.com")]
    [InlineData("reader@exa mple.com")]
    public void Malformed_emails_are_errors(string email) => Assert.Contains("Email", Validate(email: email).Keys);

    [Theory]
    [InlineData("https://example.com")]
    [InlineData("http://example.com/path?q=1#frag")]
    [InlineData("https://例え.jp/")]
    public void Absolute_http_and_https_websites_are_valid(string website) => Assert.Empty(Validate(website: website));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JAVASCRIPT:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("ftp://example.com")]
    [InlineData("/relative/path")]
    [InlineData("localhost")]
    [InlineData(".example.com")]
    [InlineData("example.com:8080")]
    [InlineData("javascript:alert(1)//example.com")]
    [InlineData("//example.com")]
    [InlineData("http://")]
    [InlineData("https://user:pass@example.com")]
    [InlineData("http://exa mple.com")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("https://example.com/\"onmouseover=\"alert(1)")]
    [InlineData("http:\\\\example.com")]
    public void Anything_but_an_absolute_http_url_is_an_error(string website) =>
        Assert.Contains("Website", Validate(website: website).Keys);

    [Theory]
    [InlineData("example.com", "https://example.com/")]
    [InlineData("www.example.com/blog", "https://www.example.com/blog")]
    [InlineData("my-site.example.co.uk/a?b=c", "https://my-site.example.co.uk/a?b=c")]
    public void A_bare_host_is_taken_as_an_https_address(string typed, string stored) =>
        Assert.Equal(stored, CommentValidator.ParseWebsite(typed)?.AbsoluteUri);

    [Fact]
    public void A_website_of_200_characters_is_valid() =>
        Assert.Empty(Validate(website: "https://example.com/" + new string('p', 180)));

    [Fact]
    public void A_website_of_201_characters_is_an_error() =>
        Assert.Contains("Website", Validate(website: "https://example.com/" + new string('p', 181)).Keys);

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    [InlineData("2147483648")]
    [InlineData("0x10")]
    public void Parent_ids_that_are_not_positive_whole_numbers_are_errors(string parentId) =>
        Assert.Contains("ParentId", Validate(parentId: parentId).Keys);

    [Fact]
    public void Every_broken_rule_is_reported_at_once() =>
        Assert.Equal(["Body", "Email", "Name", "Website"], Validate(name: "", email: "x", website: "y", body: "").Keys.Order());
}
