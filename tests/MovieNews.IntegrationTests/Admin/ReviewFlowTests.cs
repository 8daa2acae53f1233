using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.TestSupport;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Mail;

namespace MovieNews.IntegrationTests.Admin;

/// <summary>
/// Contributors write and submit; editors review (side by side), return with a note or publish; a change to a live
/// article waits beside it while readers keep the published version. Each step mails whoever acts next.
/// </summary>
public sealed class ReviewFlowTests(MailFactory factory) : IClassFixture<MailFactory>
{
    private const string Password = "review flow password";
    private static int _accounts;

    private async Task<(HttpClient Client, string Email)> WriterAsync(string role)
    {
        var n = Interlocked.Increment(ref _accounts);
        var email = $"{role.ToLowerInvariant()}{n}@movienews.test";
        await factory.CreateStaffAsync(email, Password, role, $"{role} Number{n}");
        return (await factory.SignedInAsync(email, Password, $"192.0.2.{100 + n}"), email);
    }

    private static Dictionary<string, string?> Draft(string slug, string body = "The first line.\nA line about the sequel.\nThe last line.") => new()
    {
        ["Input.Title"] = $"Submitted {slug}",
        ["Input.Slug"] = slug,
        ["Input.Body"] = body,
    };

    private static string Button(string status) => $"button[name='Input.Status'][value={status}]";

    private async Task<int> IdOfAsync(string slug)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Articles.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync();
    }

    private async Task<Article> StoredAsync(string slug)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Articles.AsNoTracking().Include(a => a.Authors).SingleAsync(a => a.Slug == slug);
    }

    private async Task<List<OutboxMessage>> ReviewMailAsync(string to) =>
        await factory.OutboxAsync(q => q.Where(m => m.Kind == MailKinds.Review && m.ToAddress == to).OrderBy(m => m.Id).ToListAsync());

    private async Task<int> SubmittedAsync(HttpClient contributor, string slug, string? note = null)
    {
        var fields = Draft(slug);
        fields["Input.ReviewNote"] = note;
        var response = await contributor.SubmitAsync("/admin/articles/edit", "#article-editor", fields, Button("InReview"));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await IdOfAsync(slug);
    }

    [Fact]
    public async Task A_contributor_submits_a_draft_and_the_editors_are_mailed_while_readers_see_nothing()
    {
        var (contributor, _) = await WriterAsync(Roles.Contributor);
        var page = await contributor.GetOkPageAsync("/admin/articles/edit");
        var labels = page.QuerySelectorAll("#article-editor .editor-actions button").Select(b => b.TextContent.Trim()).ToArray();
        Assert.Equal(["Save draft", "Preview", "Submit for review"], labels);

        var id = await SubmittedAsync(contributor, "review-submitted", note: "Ready when you are.");

        Assert.Equal(ArticleStatus.InReview, (await StoredAsync("review-submitted")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync("/articles/review-submitted")).StatusCode);
        var mail = Assert.Single(await ReviewMailAsync(MovieNewsFactory.AdminEmail), m => m.Subject.Contains("review-submitted", StringComparison.Ordinal));
        Assert.Contains("Ready when you are.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/admin/review/{id}", mail.TextBody, StringComparison.Ordinal);
        var queue = await (await factory.SignedInAdminAsync("192.0.2.1")).GetOkPageAsync("/admin/review");
        Assert.Contains(queue.QuerySelectorAll(".review-queue a"), a => a.GetAttribute("href") == $"/admin/review/{id}");
    }

    [Theory]
    [InlineData("Published")]
    [InlineData("Scheduled")]
    public async Task A_contributor_cannot_publish_or_schedule_even_by_forging_the_button(string status)
    {
        var (contributor, _) = await WriterAsync(Roles.Contributor);
        var fields = Draft($"forged-{status.ToLowerInvariant()}");
        fields["Input.PublishAt"] = "2099-01-01T10:00";
        var page = await contributor.GetOkPageAsync("/admin/articles/edit");
        fields["Input.Status"] = status;

        // The posted status comes before the pressed button's, so it is the one bound.
        var response = await contributor.SubmitAsync(page, "#article-editor", fields, Button("Draft"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Articles.AnyAsync(a => a.Slug == $"forged-{status.ToLowerInvariant()}"));
    }

    [Fact]
    public async Task A_contributor_cannot_upload_a_picture_from_the_editor_or_the_library()
    {
        var (contributor, _) = await WriterAsync(Roles.Contributor);
        var page = await contributor.GetOkPageAsync("/admin/articles/edit");
        Assert.Null(page.QuerySelector("#NewPictureFile"));

        var response = await contributor.SubmitAsync(page, "#article-editor", Draft("contributor-upload"), Button("Draft"),
            new Dictionary<string, (byte[], string)> { ["NewPictureFile"] = (TestImages.Jpeg(40, 30), "still.jpg") });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync("/admin/media/upload")).StatusCode);
    }

    [Fact]
    public async Task Writers_cannot_open_or_save_someone_elses_article()
    {
        await factory.CreateArticleAsync("someone-elses", ArticleStatus.Draft, null);
        var id = await IdOfAsync("someone-elses");
        foreach (var role in new[] { Roles.Contributor, Roles.Author })
        {
            var (writer, _) = await WriterAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync($"/admin/articles/edit/{id}")).StatusCode);
            var token = (await writer.GetOkPageAsync("/admin/articles/edit")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var save = await writer.PostAsync($"/admin/articles/edit/{id}?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Title"] = "Taken over",
                ["Input.Body"] = "Mine now.",
                ["Input.Status"] = "Draft",
                ["Input.Version"] = "1",
            }));
            Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
            var list = await writer.GetOkPageAsync("/admin/articles");
            Assert.DoesNotContain(list.QuerySelectorAll("td a"), a => a.GetAttribute("href") == $"/admin/articles/edit/{id}");
        }

        Assert.Equal("Test article someone-elses", (await StoredAsync("someone-elses")).Title);
    }

    [Fact]
    public async Task A_writer_is_credited_on_what_they_write_whatever_credits_are_posted()
    {
        var (contributor, email) = await WriterAsync(Roles.Contributor);
        var admin = await factory.FindUserAsync(MovieNewsFactory.AdminEmail);
        var fields = Draft("forged-credits");
        fields["Input.AuthorIds"] = admin!.Id;
        fields["Input.AuthorName"] = "The Editor In Chief";

        await contributor.SubmitAsync("/admin/articles/edit", "#article-editor", fields, Button("Draft"));

        var stored = await StoredAsync("forged-credits");
        Assert.Equal((await factory.FindUserAsync(email))!.Id, Assert.Single(stored.Authors).UserId);
        Assert.False(stored.CustomByline);
        Assert.NotEqual("The Editor In Chief", stored.AuthorName);
    }

    [Fact]
    public async Task Returning_needs_a_note_which_the_writer_then_reads_in_the_editor_and_by_mail()
    {
        var (contributor, email) = await WriterAsync(Roles.Contributor);
        var id = await SubmittedAsync(contributor, "review-returned");
        var admin = await factory.SignedInAdminAsync("192.0.2.2");

        var refused = await admin.SubmitAsync($"/admin/review/{id}", "#review-form", new Dictionary<string, string?> { ["Note"] = "  " }, "button[formaction*=Return]");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Say what the writer should change", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var returned = await admin.SubmitAsync($"/admin/review/{id}", "#review-form", new Dictionary<string, string?> { ["Note"] = "Say <b>when</b> filming starts." }, "button[formaction*=Return]");
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);

        Assert.Equal(ArticleStatus.Draft, (await StoredAsync("review-returned")).Status);
        var editor = await contributor.GetOkPageAsync($"/admin/articles/edit/{id}");
        Assert.Equal("Say <b>when</b> filming starts.", editor.QuerySelector(".review-note-text")!.TextContent);
        var mail = Assert.Single(await ReviewMailAsync(email));
        Assert.Contains("Say &lt;b&gt;when&lt;/b&gt; filming starts.", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resubmission_is_shown_side_by_side_with_the_text_returned()
    {
        var (contributor, _) = await WriterAsync(Roles.Contributor);
        var id = await SubmittedAsync(contributor, "review-diff");
        var admin = await factory.SignedInAdminAsync("192.0.2.3");
        var first = await admin.GetOkPageAsync($"/admin/review/{id}");
        Assert.Null(first.QuerySelector("table.diff"));
        await admin.SubmitAsync($"/admin/review/{id}", "#review-form", new Dictionary<string, string?> { ["Note"] = "Name the sequel." }, "button[formaction*=Return]");

        await contributor.SubmitAsync($"/admin/articles/edit/{id}", "#article-editor",
            new Dictionary<string, string?> { ["Input.Body"] = "The first line.\nA line about Purple Hearts 2.\nThe last line." }, Button("InReview"));

        var review = await admin.GetOkPageAsync($"/admin/review/{id}");
        var table = review.QuerySelector("table.diff")!;
        Assert.Equal("the sequel", Assert.Single(table.QuerySelectorAll("del")).TextContent);
        Assert.Equal("Purple Hearts 2", Assert.Single(table.QuerySelectorAll("ins")).TextContent);
        Assert.Equal("A line about the sequel.", table.QuerySelector("td.diff-changed")!.TextContent);
    }

    [Fact]
    public async Task Publishing_a_submission_puts_it_live_and_tells_its_writer()
    {
        var (contributor, email) = await WriterAsync(Roles.Contributor);
        var id = await SubmittedAsync(contributor, "review-published");
        var admin = await factory.SignedInAdminAsync("192.0.2.4");

        var published = await admin.SubmitAsync($"/admin/review/{id}", "#review-form", new Dictionary<string, string?> { ["Note"] = "Lovely." }, "button[formaction*=Publish]");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(ArticleStatus.Published, (await StoredAsync("review-published")).Status);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/articles/review-published")).StatusCode);
        Assert.Contains(await ReviewMailAsync(email), m => m.Subject.StartsWith("Published", StringComparison.Ordinal) && m.TextBody.Contains("Lovely.", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/review/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_change_to_a_live_article_waits_for_review_while_readers_keep_the_published_version()
    {
        var (contributor, email) = await WriterAsync(Roles.Contributor);
        var id = await SubmittedAsync(contributor, "review-live");
        var admin = await factory.SignedInAdminAsync("192.0.2.5");
        await admin.SubmitAsync($"/admin/review/{id}", "#review-form", null, "button[formaction*=Publish]");

        var editor = await contributor.GetOkPageAsync($"/admin/articles/edit/{id}");
        Assert.Equal(["Submit changes for review", "Preview"], editor.QuerySelectorAll("#article-editor .editor-actions button").Select(b => b.TextContent.Trim()).ToArray());
        var proposed = await contributor.SubmitAsync(editor, "#article-editor",
            new Dictionary<string, string?> { ["Input.Body"] = "The first line.\nA line about the sequel, now confirmed.\nThe last line." }, "button[formaction*=Propose]");
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);

        Assert.DoesNotContain("now confirmed", await factory.CreateClient().GetStringAsync("/articles/review-live"), StringComparison.Ordinal);
        var reopened = await contributor.GetOkPageAsync($"/admin/articles/edit/{id}");
        Assert.Contains("now confirmed", reopened.QuerySelector("#Input_Body")!.TextContent, StringComparison.Ordinal);
        var review = await admin.GetOkPageAsync($"/admin/review/{id}");
        Assert.Contains("now confirmed", string.Concat(review.QuerySelectorAll("table.diff ins").Select(i => i.TextContent)), StringComparison.Ordinal);

        var applied = await admin.SubmitAsync(review, "#review-form", null, "button[formaction*=Publish]");

        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Contains("now confirmed", await factory.CreateClient().GetStringAsync("/articles/review-live"), StringComparison.Ordinal);
        Assert.Equal(ArticleStatus.Published, (await StoredAsync("review-live")).Status);
        Assert.Contains(await ReviewMailAsync(email), m => m.Subject.StartsWith("Applied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_returned_change_comes_back_to_its_writer_and_the_live_article_is_untouched()
    {
        var (contributor, _) = await WriterAsync(Roles.Contributor);
        var id = await SubmittedAsync(contributor, "review-live-returned");
        var admin = await factory.SignedInAdminAsync("192.0.2.6");
        await admin.SubmitAsync($"/admin/review/{id}", "#review-form", null, "button[formaction*=Publish]");
        await contributor.SubmitAsync($"/admin/articles/edit/{id}", "#article-editor",
            new Dictionary<string, string?> { ["Input.Title"] = "A rumour as a headline" }, "button[formaction*=Propose]");

        await admin.SubmitAsync($"/admin/review/{id}", "#review-form", new Dictionary<string, string?> { ["Note"] = "Keep the title factual." }, "button[formaction*=Return]");

        Assert.Equal("Submitted review-live-returned", (await StoredAsync("review-live-returned")).Title);
        var form = await contributor.GetOkPageAsync($"/admin/articles/edit/{id}");
        Assert.Equal("A rumour as a headline", form.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Contains("returned", form.QuerySelector(".review-banner h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/review/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_author_publishes_their_own_article_and_uploads_but_reviews_nothing()
    {
        var (author, _) = await WriterAsync(Roles.Author);
        var page = await author.GetOkPageAsync("/admin/articles/edit");
        Assert.NotNull(page.QuerySelector("#NewPictureFile"));

        var response = await author.SubmitAsync(page, "#article-editor", Draft("author-published"), Button("Published"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ArticleStatus.Published, (await StoredAsync("author-published")).Status);
        Assert.Equal(HttpStatusCode.OK, (await author.GetAsync("/admin/media/upload")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync("/admin/review")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync("/admin/comments")).StatusCode);
    }

    [Fact]
    public async Task Only_admins_change_the_site_settings()
    {
        var (editor, _) = await WriterAsync(Roles.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/admin/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/admin/review")).StatusCode);
    }

    private async Task<(HttpClient Contributor, HttpClient Admin, int Id)> LiveArticleAsync(string slug, string address)
    {
        var (contributor, _) = await WriterAsync(Roles.Contributor);
        var id = await SubmittedAsync(contributor, slug);
        var admin = await factory.SignedInAdminAsync(address);
        await admin.SubmitAsync($"/admin/review/{id}", "#review-form", null, "button[formaction*=Publish]");
        return (contributor, admin, id);
    }

    [Fact]
    public async Task A_decision_applies_only_to_the_submission_the_editor_was_shown()
    {
        var (contributor, _) = await WriterAsync(Roles.Contributor);
        var id = await SubmittedAsync(contributor, "review-stale");
        var admin = await factory.SignedInAdminAsync("192.0.2.7");
        var shown = await admin.GetOkPageAsync($"/admin/review/{id}");
        await contributor.SubmitAsync($"/admin/articles/edit/{id}", "#article-editor",
            new Dictionary<string, string?> { ["Input.Body"] = "Swapped after the editor looked." }, Button("InReview"));

        var publish = await admin.SubmitAsync(shown, "#review-form", null, "button[formaction*=Publish]");

        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
        Assert.Equal(ArticleStatus.InReview, (await StoredAsync("review-stale")).Status);
        var again = await admin.SubmitAsync(await HtmlClient.ParseAsync(publish), "#review-form", null, "button[formaction*=Publish]");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Swapped after the editor looked.", (await StoredAsync("review-stale")).BodyMarkdown);
    }

    [Fact]
    public async Task A_change_resubmitted_after_the_editor_looked_is_not_applied_unseen()
    {
        var (contributor, admin, id) = await LiveArticleAsync("review-live-stale", "192.0.2.8");
        await contributor.SubmitAsync($"/admin/articles/edit/{id}", "#article-editor", new Dictionary<string, string?> { ["Input.Body"] = "Version A." }, "button[formaction*=Propose]");
        var shown = await admin.GetOkPageAsync($"/admin/review/{id}");
        await contributor.SubmitAsync($"/admin/articles/edit/{id}", "#article-editor", new Dictionary<string, string?> { ["Input.Body"] = "Version B." }, "button[formaction*=Propose]");

        var apply = await admin.SubmitAsync(shown, "#review-form", null, "button[formaction*=Publish]");

        Assert.Equal(HttpStatusCode.Conflict, apply.StatusCode);
        Assert.DoesNotContain("Version", (await StoredAsync("review-live-stale")).BodyMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_carries_only_the_words_so_the_review_shows_all_it_does()
    {
        var (contributor, admin, id) = await LiveArticleAsync("review-live-words", "192.0.2.9");
        await contributor.SubmitAsync($"/admin/articles/edit/{id}", "#article-editor", new Dictionary<string, string?>
        {
            ["Input.Body"] = "New words.",
            ["Input.Slug"] = "hijacked-address",
            ["Input.SeriesTitle"] = "Hijacked series",
            ["Input.CommentsOpen"] = null,
        }, "button[formaction*=Propose]");

        await admin.SubmitAsync($"/admin/review/{id}", "#review-form", null, "button[formaction*=Publish]");

        var stored = await StoredAsync("review-live-words");
        Assert.Equal("New words.", stored.BodyMarkdown);
        Assert.True(stored.CommentsOpen);
        Assert.Null(stored.SeriesId);
    }

    [Fact]
    public async Task Applying_a_change_keeps_the_credits_an_editor_gave_meanwhile()
    {
        var (contributor, admin, id) = await LiveArticleAsync("review-live-credits", "192.0.2.10");
        await contributor.SubmitAsync($"/admin/articles/edit/{id}", "#article-editor", new Dictionary<string, string?> { ["Input.Body"] = "Changed words." }, "button[formaction*=Propose]");
        await admin.SubmitAsync($"/admin/articles/edit/{id}", "#article-editor", new Dictionary<string, string?> { ["Input.AuthorName"] = "The Desk" }, Button("Published"));

        var review = await admin.GetOkPageAsync($"/admin/review/{id}");
        Assert.NotNull(review.QuerySelector("#changes-title ~ .review-banner"));
        await admin.SubmitAsync(review, "#review-form", null, "button[formaction*=Publish]");

        var stored = await StoredAsync("review-live-credits");
        Assert.Equal("Changed words.", stored.BodyMarkdown);
        Assert.Equal("The Desk", stored.AuthorName);
    }

    [Fact]
    public async Task Simultaneous_submissions_of_a_change_leave_one_open_change()
    {
        var (_, admin, id) = await LiveArticleAsync("review-live-race", "192.0.2.11");
        var page = await admin.GetOkPageAsync($"/admin/articles/edit/{id}");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            admin.SubmitAsync(page, "#article-editor", new Dictionary<string, string?> { ["Input.Body"] = $"Racing {i}." }, "button[formaction*=Propose]")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        Assert.Equal(1, await db.ArticleChanges.CountAsync(c => c.ArticleId == id && c.State == Web.Features.Review.ChangeState.Pending));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/admin/review/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_note_over_the_limit_is_refused_not_cut()
    {
        var (contributor, _) = await WriterAsync(Roles.Contributor);
        var id = await SubmittedAsync(contributor, "review-long-note");
        var admin = await factory.SignedInAdminAsync("192.0.2.12");

        var response = await admin.SubmitAsync($"/admin/review/{id}", "#review-form", new Dictionary<string, string?> { ["Note"] = new string('x', 2001) }, "button[formaction*=Return]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ArticleStatus.InReview, (await StoredAsync("review-long-note")).Status);
    }
}
