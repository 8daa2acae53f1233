using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Comments;

public sealed class HoldFirstCommentFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Moderation:HoldFirstComment"] = "true" };
}

/// <summary>
/// "Hold the first comment of an unknown author": a name is public (it is on every comment), so it cannot make
/// anyone known by itself; an approved comment with the same name and email can, and an editor's trust can.
/// </summary>
public sealed class FirstCommentHoldTests(HoldFirstCommentFactory factory) : IClassFixture<HoldFirstCommentFactory>
{
    private async Task<CommentStatus> PostAsync(string slug, string name, string? email, string body, string address)
    {
        var response = await factory.CreateBrowserClient(address).PostCommentAsync($"/articles/{slug}", Comment(body, name: name, email: email));
        var id = CommentQueries.CommentId(response.Headers.Location!.OriginalString);
        return (await factory.CommentsOnAsync(slug)).Single(c => c.Id == id).Status;
    }

    private async Task<string> ArticleWithApprovedCommentAsync(string slug, string name, string? email)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var response = await factory.CreateBrowserClient("198.51.100.120").PostCommentAsync($"/articles/{slug}", Comment($"My first words on {slug}.", name: name, email: email));
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommentModeration>().ApplyAsync(
            ModerationAction.Approve, [CommentQueries.CommentId(response.Headers.Location!.OriginalString)], CancellationToken.None);
        return slug;
    }

    [Fact]
    public async Task An_author_whose_name_and_email_are_on_an_approved_comment_is_not_held()
    {
        var slug = await ArticleWithApprovedCommentAsync("known-author", "Alice", "alice@example.org");

        Assert.Equal(CommentStatus.Approved, await PostAsync(slug, "Alice", "ALICE@example.org", "Back again.", "198.51.100.121"));
    }

    [Fact]
    public async Task Borrowing_a_published_name_without_an_email_does_not_skip_the_hold()
    {
        var slug = await ArticleWithApprovedCommentAsync("borrowed-name", "Reader Famous", email: null);

        Assert.Equal(CommentStatus.Pending, await PostAsync(slug, "Reader Famous", null, "Pretending to be them.", "198.51.100.122"));
    }

    [Fact]
    public async Task Knowing_an_email_without_its_name_does_not_skip_the_hold()
    {
        var slug = await ArticleWithApprovedCommentAsync("borrowed-email", "Bob", "bob@example.org");

        Assert.Equal(CommentStatus.Pending, await PostAsync(slug, "Someone Else", "bob@example.org", "Testing an address.", "198.51.100.123"));
    }
}
