using System.Net;
using System.Net.Http.Headers;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Caching;

public sealed class ReaderPageCacheTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private async Task<string> ArticleAsync(string slug)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        return $"/articles/{slug}";
    }

    [Fact]
    public async Task Every_anonymous_reader_gets_the_same_bytes_and_no_cookie()
    {
        var url = await ArticleAsync("cached-same-bytes");

        var first = await factory.CreateBrowserClient("192.0.2.101").GetAsync(url);
        var second = await factory.CreateBrowserClient("192.0.2.102").GetAsync(url);

        Assert.Null(first.Headers.Age);
        Assert.Equal(TimeSpan.Zero, second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("__RequestVerificationToken", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shared_page_tells_shared_caches_they_may_keep_it()
    {
        var url = await ArticleAsync("cached-headers");

        var response = await factory.CreateBrowserClient("192.0.2.103").GetAsync(url);

        var cacheControl = response.Headers.CacheControl!;
        Assert.True(cacheControl.Public);
        Assert.Equal(TimeSpan.Zero, cacheControl.MaxAge);
        Assert.Equal(TimeSpan.FromSeconds(60), cacheControl.SharedMaxAge);
        Assert.Contains("Cookie", response.Headers.Vary);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Two_readers_of_the_same_cached_page_can_both_post_from_it()
    {
        var url = await ArticleAsync("cached-two-readers");
        var first = factory.CreateBrowserClient("192.0.2.104");
        var second = factory.CreateBrowserClient("192.0.2.105");
        var firstPage = await first.GetOkPageAsync(url);
        var secondPage = await second.GetOkPageAsync(url);

        Assert.Equal(HttpStatusCode.SeeOther, (await second.SubmitCommentFormAsync(secondPage, Comment("Second reader here"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await first.SubmitCommentFormAsync(firstPage, Comment("First reader here"))).StatusCode);
        Assert.Equal(2, (await factory.CommentsOnAsync("cached-two-readers")).Count);
    }

    [Fact]
    public async Task A_commenter_sees_their_own_fresh_private_page_right_after_posting()
    {
        var url = await ArticleAsync("cached-fresh");
        var reader = factory.CreateBrowserClient("192.0.2.106");
        await reader.GetAsync(url);

        var posted = await reader.PostCommentAsync(url, Comment("Just posted"));
        var (after, page, _) = await reader.FollowAsync(posted);

        Assert.Contains(posted.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mn_fresh=", StringComparison.Ordinal));
        Assert.True(after.Headers.CacheControl!.Private);
        Assert.Null(after.Headers.Age);
        Assert.Contains("Just posted", page.QuerySelector("#comments")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_with_saved_details_gets_a_private_page_that_shared_caches_must_not_keep()
    {
        var url = await ArticleAsync("cached-saved-details");
        var reader = factory.CreateBrowserClient("192.0.2.107");
        var fields = Comment("Remember me", name: "Saved Sam");
        fields["SaveDetails"] = "true";
        await reader.PostCommentAsync(url, fields);

        var response = await reader.GetAsync(url);

        var own = await HtmlClient.ParseAsync(response);
        var someoneElses = await factory.CreateBrowserClient("192.0.2.108").GetOkPageAsync(url);

        Assert.True(response.Headers.CacheControl!.Private);
        Assert.Equal("Saved Sam", own.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(someoneElses.QuerySelector("#Input_Name")!.GetAttribute("value")));
    }

    [Fact]
    public async Task An_approved_comment_appears_on_the_cached_page_at_once()
    {
        var url = await ArticleAsync("cached-new-comment");
        var reader = factory.CreateBrowserClient("192.0.2.105");
        await reader.GetAsync(url);
        await reader.GetAsync(url);

        var response = await factory.CreateBrowserClient("192.0.2.106").PostCommentAsync(url, Comment("Fresh comment"));
        var page = await reader.GetOkPageAsync(url);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains("Fresh comment", page.QuerySelector("#comments")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_a_held_comment_shows_it_on_the_cached_page_at_once()
    {
        var url = await ArticleAsync("cached-approval");
        var location = (await factory.CreateBrowserClient("192.0.2.107").PostCommentAsync(url, Comment("Held https://a.example https://b.example"))).Headers.Location!.OriginalString;
        var id = CommentQueries.CommentId(location);
        var reader = factory.CreateBrowserClient("192.0.2.108");
        await reader.GetAsync(url);
        var admin = await factory.SignedInAdminAsync();
        var queue = await admin.GetOkPageAsync("/admin/comments?status=pending");

        await admin.SubmitAsync(queue, $"main form:has(#queue-{id})", null, $"button[value='Approve:{id}']");

        Assert.NotNull((await reader.GetOkPageAsync(url)).QuerySelector($"#comment-{id}"));
    }

    [Fact]
    public async Task An_editor_never_gets_a_readers_cached_page()
    {
        var url = await ArticleAsync("cached-editor");
        var reader = factory.CreateBrowserClient("192.0.2.109");
        await reader.GetAsync(url);
        await reader.GetAsync(url);
        var admin = await factory.SignedInAdminAsync();

        var (response, page) = await admin.GetPageAsync(url);

        Assert.Null(response.Headers.Age);
        Assert.NotNull(page.QuerySelector(".site-header a[href='/admin']"));
    }

    [Fact]
    public async Task A_commenter_with_a_held_comment_gets_a_fresh_page_and_others_a_cached_one_without_it()
    {
        var url = await ArticleAsync("cached-pending");
        var reader = factory.CreateBrowserClient("192.0.2.110");
        await reader.GetAsync(url);
        var author = factory.CreateBrowserClient("192.0.2.111");

        var (_, own, _) = await author.FollowAsync(await author.PostCommentAsync(url, Comment("Mine only: https://a.example https://b.example")));
        var (othersResponse, others) = await reader.GetPageAsync(url);

        Assert.Contains("awaiting moderation", own.QuerySelector("#comments")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(othersResponse.Headers.Age);
        Assert.DoesNotContain("Mine only", others.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_an_article_updates_the_cached_home_page_at_once()
    {
        var (_, _) = (await ArticleAsync("cached-retitle"), 0);
        var reader = factory.CreateBrowserClient("192.0.2.112");
        await reader.GetAsync("/");
        var admin = await factory.SignedInAdminAsync();
        var list = await admin.GetOkPageAsync("/admin/articles?q=cached-retitle");
        var edit = list.QuerySelector(".admin-table a")!.GetAttribute("href")!;

        await admin.SubmitAsync(edit, "#article-editor", new Dictionary<string, string?> { ["Input.Title"] = "Retitled while cached", ["Input.PublishAt"] = "2030-01-01T00:00", ["Input.Status"] = "Published" }, "button[formaction*=Save]");

        Assert.Contains("Retitled while cached", (await reader.GetOkPageAsync("/")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_article_appears_on_the_cached_home_page_when_its_time_comes()
    {
        await factory.CreateArticleAsync("cached-scheduled", ArticleStatus.Scheduled, factory.Clock.GetUtcNow().UtcDateTime.AddHours(1));
        var reader = factory.CreateBrowserClient("192.0.2.113");
        Assert.DoesNotContain("cached-scheduled", (await reader.GetOkPageAsync("/")).Body!.TextContent, StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Contains("Test article cached-scheduled", (await reader.GetOkPageAsync("/")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_article_scheduled_through_another_instance_appears_on_the_cached_home_page_when_its_time_comes()
    {
        var reader = factory.CreateBrowserClient("192.0.2.116");
        Assert.DoesNotContain("elsewhere-scheduled", (await reader.GetOkPageAsync("/")).Body!.TextContent, StringComparison.Ordinal);
        using (var otherInstance = new SameDatabaseFactory(factory.ConnectionString))
        {
            await otherInstance.CreateArticleAsync("elsewhere-scheduled", ArticleStatus.Scheduled, factory.Clock.GetUtcNow().UtcDateTime.AddHours(1));
        }

        factory.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Contains("Test article elsewhere-scheduled", (await reader.GetOkPageAsync("/")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unchanged_article_answers_304_to_a_conditional_request_and_200_after_a_change()
    {
        var url = await ArticleAsync("cached-etag");
        var reader = factory.CreateBrowserClient("192.0.2.114");
        var etag = (await reader.GetAsync(url)).Headers.ETag!;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await reader.SendAsync(conditional);
        await factory.CreateBrowserClient("192.0.2.115").PostCommentAsync(url, Comment("Changes the page"));
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        var changed = await reader.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Html_is_compressed_for_browsers_that_accept_it(string encoding)
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        var response = await client.SendAsync(request);

        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
    }

    [Fact]
    public async Task Cached_pages_are_kept_compressed_one_copy_per_encoding()
    {
        var url = await ArticleAsync("cached-encodings");
        async Task<HttpResponseMessage> GetAsync(string? encoding)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (encoding is not null)
            {
                request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            }

            return await factory.CreateClient().SendAsync(request);
        }

        await GetAsync("br");
        var brotli = await GetAsync("br");
        var plain = await GetAsync(null);
        var gzip = await GetAsync("gzip");

        Assert.NotNull(brotli.Headers.Age);
        Assert.Equal("br", brotli.Content.Headers.ContentEncoding.Single());
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("Test article cached-encodings", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("gzip", gzip.Content.Headers.ContentEncoding.Single());
        Assert.Contains("Accept-Encoding", brotli.Headers.Vary);
    }

    [Fact]
    public async Task Pages_with_an_antiforgery_token_are_never_compressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_hit_tells_caches_in_front_its_age_is_zero_so_their_s_maxage_is_whole()
    {
        var url = await ArticleAsync("cached-age");
        await factory.CreateBrowserClient("192.0.2.120").GetAsync(url);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));

        var hit = await factory.CreateBrowserClient("192.0.2.121").GetAsync(url);

        Assert.Equal(TimeSpan.Zero, hit.Headers.Age);
    }

    [Fact]
    public async Task A_reply_form_is_kept_by_no_cache_in_front()
    {
        var url = await ArticleAsync("cached-replyto");
        var parent = CommentQueries.CommentId((await factory.CreateBrowserClient("192.0.2.122").PostCommentAsync(url, Comment("Reply to me"))).Headers.Location!.OriginalString);

        var response = await factory.CreateBrowserClient("192.0.2.123").GetAsync($"{url}?replyto={parent}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.Null(response.Headers.Age);
    }

    [Fact]
    public async Task A_page_past_the_last_is_404_even_with_the_articles_etag()
    {
        var url = await ArticleAsync("cached-etag-404");
        var etag = (await factory.CreateBrowserClient("192.0.2.124").GetAsync(url)).Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{url}?cpage=999");
        request.Headers.IfNoneMatch.Add(etag);

        var response = await factory.CreateBrowserClient("192.0.2.125").SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
