using System.Net;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Comments;

/// <summary>A site allowing two sends of the comment form per client every two seconds.</summary>
public sealed class TightPostLimitFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Comments:PostAttemptsPerMinute"] = "2",
        ["Comments:PostAttemptsWindowSeconds"] = "2",
    };
}

/// <summary>
/// Refusals are stored nowhere, so the flood rule never sees them: sending the form at all is limited per client,
/// and the refusal keeps the words like any other.
/// </summary>
public sealed class PostAttemptLimitTests(TightPostLimitFactory factory) : IClassFixture<TightPostLimitFactory>
{
    [Fact]
    public async Task Refusal_after_refusal_is_slowed_down_with_the_words_kept_and_the_form_works_after_the_wait()
    {
        await factory.CreateArticleAsync("attempts", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var sender = factory.CreateBrowserClient("198.51.100.70");
        var deep = new string('[', 5000);
        Assert.Equal(HttpStatusCode.BadRequest, (await sender.PostCommentAsync("/articles/attempts", Comment(deep))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await sender.PostCommentAsync("/articles/attempts", Comment(deep))).StatusCode);

        var slowed = await sender.PostCommentAsync("/articles/attempts", Comment("Now a real comment."));
        var form = await HtmlClient.ParseAsync(slowed);
        var wait = int.Parse(slowed.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.Equal("Now a real comment.", form.QuerySelector("#Input_Body")!.TextContent);
        Assert.Contains($"wait {wait} second", form.QuerySelector("#form-message")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await factory.CommentsOnAsync("attempts"));

        await Task.Delay(TimeSpan.FromSeconds(wait));
        var sent = await sender.SubmitCommentFormAsync(form, new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Single(await factory.CommentsOnAsync("attempts"));
    }

    [Fact]
    public async Task Another_client_is_not_slowed_down_by_the_first()
    {
        await factory.CreateArticleAsync("attempts-other", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var first = factory.CreateBrowserClient("198.51.100.71");
        for (var i = 0; i < 3; i++)
        {
            await first.PostCommentAsync("/articles/attempts-other", Comment(" "));
        }

        var other = await factory.CreateBrowserClient("198.51.100.72").PostCommentAsync("/articles/attempts-other", Comment("Unaffected."));

        Assert.Equal(HttpStatusCode.SeeOther, other.StatusCode);
    }
}
