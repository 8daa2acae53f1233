using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Moderation;

/// <summary>
/// Every payload goes through the whole comment pipeline; the stored HTML is then parsed as a browser would
/// and must contain nothing but the comment allowlist: no script, no event handler, no dangerous URL.
/// </summary>
public sealed class CommentXssTests
{
    private static readonly HashSet<string> _allowedTags = ["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a"];
    private static readonly HtmlParser _parser = new();

    [Fact]
    public void There_are_at_least_80_payloads() => Assert.True(XssPayloads.All.Count >= 80);

    [Theory]
    [MemberData(nameof(XssPayloads.Indexes), MemberType = typeof(XssPayloads))]
    public async Task Payload_in_the_body_leaves_only_allowlisted_inert_html(int index)
    {
        var payload = XssPayloads.All[index];
        var comment = await new ModerationTestKit().AcceptedAsync(body: payload);

        AssertInert(comment.BodyHtml.Value, payload);
    }

    [Theory]
    [MemberData(nameof(XssPayloads.Indexes), MemberType = typeof(XssPayloads))]
    public async Task Payload_as_a_website_is_refused_or_becomes_a_plain_http_url(int index)
    {
        var payload = XssPayloads.All[index];
        var result = await new ModerationTestKit().ModerateAsync(website: payload);

        if (result is ModerationResult.Accepted accepted)
        {
            var uri = new Uri(accepted.Comment.Website!);
            Assert.True(uri.Scheme is "http" or "https", payload);
            Assert.DoesNotContain('"', accepted.Comment.Website!);
        }
        else
        {
            Assert.Contains("Website", Assert.IsType<ModerationResult.Invalid>(result).Errors.Keys);
        }
    }

    private static void AssertInert(string html, string payload)
    {
        var document = _parser.ParseDocument($"<body>{html}</body>");
        foreach (var element in document.Body!.Descendants<IElement>())
        {
            Assert.True(_allowedTags.Contains(element.LocalName), $"<{element.LocalName}> survived from: {payload}\n{html}");
            foreach (var attribute in element.Attributes)
            {
                Assert.True(
                    element.LocalName == "a" && attribute.Name is "href" or "rel",
                    $"attribute {attribute.Name} on <{element.LocalName}> survived from: {payload}\n{html}");
            }

            if (element.GetAttribute("href") is { } href)
            {
                var scheme = href.Contains(':', StringComparison.Ordinal) ? href[..href.IndexOf(':', StringComparison.Ordinal)].Trim().ToLowerInvariant() : "";
                Assert.True(scheme is "" or "http" or "https" or "mailto", $"href {href} survived from: {payload}");
                Assert.Equal("nofollow ugc noopener", element.GetAttribute("rel"));
            }
        }
    }
}
