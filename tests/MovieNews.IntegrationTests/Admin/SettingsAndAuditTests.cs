using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Admin;

public sealed class SettingsAndAuditTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    [Fact]
    public async Task Saved_settings_take_effect_on_the_next_comment_without_a_restart()
    {
        await factory.CreateArticleAsync("settings-effect", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var admin = await factory.SignedInAdminAsync();

        await admin.SubmitAsync("/admin/settings", "#moderation-form", new Dictionary<string, string?> { ["Input.BlockedWords"] = "spoilers" });
        var blocked = await factory.CreateBrowserClient("198.19.0.1").PostCommentAsync("/articles/settings-effect", Comment("No spoilers please"));
        await admin.SubmitAsync("/admin/settings", "#moderation-form", new Dictionary<string, string?> { ["Input.MaxDepth"] = "1", ["Input.BlockedWords"] = "" });

        var comments = await factory.CommentsOnAsync("settings-effect");
        Assert.Equal(CommentStatus.Pending, comments.Single(c => c.Id == CommentQueries.CommentId(blocked.Headers.Location!.OriginalString)).Status);
        var page = await admin.GetOkPageAsync("/admin/settings");
        Assert.Equal("1", page.QuerySelector("#Input_MaxDepth")!.GetAttribute("value"));
        await admin.SubmitAsync("/admin/settings", "#moderation-form", new Dictionary<string, string?> { ["Input.MaxDepth"] = "5" });
    }

    [Fact]
    public async Task Closing_comments_on_old_articles_hides_the_form_and_refuses_posts()
    {
        await factory.CreateArticleAsync("old-article", ArticleStatus.Published, factory.Clock.GetUtcNow().UtcDateTime.AddDays(-40));
        var admin = await factory.SignedInAdminAsync();
        var reader = factory.CreateBrowserClient("198.19.0.2");
        var open = await reader.GetOkPageAsync("/articles/old-article");

        await admin.SubmitAsync("/admin/settings", "#moderation-form", new Dictionary<string, string?> { ["Input.CloseCommentsAfterDays"] = "30" });
        var closedPage = await reader.GetOkPageAsync("/articles/old-article");
        var refused = await reader.SubmitCommentFormAsync(open, Comment("Too late"));
        await admin.SubmitAsync("/admin/settings", "#moderation-form", new Dictionary<string, string?> { ["Input.CloseCommentsAfterDays"] = "0" });

        Assert.Null(closedPage.QuerySelector("form.comment-form"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [InlineData("Input.MaxDepth", "0")]
    [InlineData("Input.MaxDepth", "abc")]
    [InlineData("Input.CommentsPerPage", "-5")]
    [InlineData("Input.LinkHoldThreshold", "99999999999")]
    public async Task Bad_settings_are_re_shown_with_a_message_and_not_saved(string field, string value)
    {
        var admin = await factory.SignedInAdminAsync();

        var response = await admin.SubmitAsync("/admin/settings", "#moderation-form", new Dictionary<string, string?> { [field] = value });
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector(".field-error"));
        Assert.Equal(value, page.QuerySelector($"#{field.Replace('.', '_')}")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_audit_log_records_who_did_what_with_before_and_after()
    {
        var admin = await factory.SignedInAdminAsync();
        var editor = await admin.GetOkPageAsync("/admin/articles/edit");
        await admin.SubmitAsync(editor, "#article-editor", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Audited article",
            ["Input.Body"] = "Body",
            ["Input.Status"] = "Draft",
        }, "button[formaction*=Save]");
        var audited = await admin.GetOkPageAsync("/admin/articles?q=Audited");
        var editUrl = audited.QuerySelector(".admin-table a")!.GetAttribute("href")!;
        await admin.SubmitAsync(editUrl, "#article-editor", new Dictionary<string, string?> { ["Input.Status"] = "Published" }, "button[formaction*=Save]");

        var log = await admin.GetOkPageAsync("/admin/audit");
        var rows = log.QuerySelectorAll(".audit-entry").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();

        Assert.Contains(rows, r => r[1] == MovieNewsFactory.AdminEmail && r[2] == "article.create" && r[3].Contains("Audited article", StringComparison.Ordinal) && r[5] == "Draft");
        Assert.Contains(rows, r => r[1] == MovieNewsFactory.AdminEmail && r[2] == "article.publish" && r[4] == "Draft" && r[5] == "Published");
    }

    [Fact]
    public async Task Moderation_actions_are_audited()
    {
        await factory.CreateArticleAsync("audited-comments", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var location = (await factory.CreateBrowserClient("198.19.0.3").PostCommentAsync("/articles/audited-comments", Comment("see https://a.example and https://b.example"))).Headers.Location!.OriginalString;
        var id = CommentQueries.CommentId(location);
        var admin = await factory.SignedInAdminAsync();
        var queue = await admin.GetOkPageAsync("/admin/comments?status=pending");

        await admin.SubmitAsync(queue, $"main form:has(#queue-{id})", null, $"button[value='Spam:{id}']");

        var log = await admin.GetOkPageAsync("/admin/audit");
        var row = log.QuerySelectorAll(".audit-entry").First(r => r.TextContent.Contains($"Comment #{id}", StringComparison.Ordinal));
        Assert.Equal(["comment.spam", "Pending", "Spam"], row.QuerySelectorAll("td").Skip(2).Where((_, i) => i != 1).Select(td => td.TextContent));
    }

    [Fact]
    public async Task An_email_longer_than_an_address_can_be_is_refused_with_a_message()
    {
        var admin = await factory.SignedInAdminAsync();

        var refused = await admin.SubmitAsync("/admin/users", "form[action*=Create]", new Dictionary<string, string?>
        {
            ["Email"] = new string('e', 300) + "@movienews.test",
            ["DisplayName"] = "Long Address",
            ["Role"] = "Editor",
            ["Password"] = "a fine long password",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("at most 254 characters", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_can_create_a_user_change_their_role_and_disable_them()
    {
        var admin = await factory.SignedInAdminAsync();

        var created = await admin.SubmitAsync("/admin/users", "form[action*=Create]", new Dictionary<string, string?>
        {
            ["Email"] = "new.editor@movienews.test",
            ["DisplayName"] = "New Editor",
            ["Role"] = "Editor",
            ["Password"] = "a fine long password",
        });
        var newEditor = factory.CreateBrowserClient("198.19.0.9");
        Assert.Equal(HttpStatusCode.Redirect, (await newEditor.SignInAsync("new.editor@movienews.test", "a fine long password")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await newEditor.GetAsync("/admin/users")).StatusCode);

        var users = await admin.GetOkPageAsync("/admin/users");
        var row = users.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("new.editor@", StringComparison.Ordinal));
        var disableForm = row.QuerySelector("form[action*=Disable]")!.GetAttribute("action")!;
        await admin.SubmitAsync(users, $"form[action='{disableForm}']");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await newEditor.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.CreateBrowserClient("198.19.0.10").SignInAsync("new.editor@movienews.test", "a fine long password")).StatusCode);
    }

    [Fact]
    public async Task The_create_user_command_reads_the_password_from_standard_input()
    {
        var output = new StringWriter();

        var exit = await CreateUserCommand.RunAsync(
            factory.Services, ["create-user", "--email", "cli@movienews.test", "--name", "Cli Editor", "--role", "editor"], new StringReader("password from stdin\n"), output);

        Assert.Equal(0, exit);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EditorUser>>();
        var user = await users.FindByEmailAsync("cli@movienews.test");
        Assert.NotNull(user);
        Assert.True(await users.IsInRoleAsync(user, Roles.Editor));
        Assert.True(await users.CheckPasswordAsync(user, "password from stdin"));
    }

    [Fact]
    public async Task The_create_user_command_refuses_a_short_password()
    {
        var output = new StringWriter();

        var exit = await CreateUserCommand.RunAsync(factory.Services, ["create-user", "--email", "short@movienews.test", "--name", "Short"], new StringReader("short\n"), output);

        Assert.Equal(1, exit);
        Assert.Contains("at least 12", output.ToString(), StringComparison.Ordinal);
    }
}
