using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Reliability;

/// <summary>
/// The database made read-only (on SQLite the file made immutable with chattr +i, a read-only file even for
/// root, which ignores permission bits; on PostgreSQL the database set to read-only transactions): reading
/// pages still works, writes answer 503 with nothing stored, and the site recovers by itself.
/// </summary>
public sealed class StorageFaultTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Article = "/articles/will-there-be-a-purple-hearts-2";

    [Fact]
    public async Task A_read_only_database_still_serves_pages_refuses_writes_with_503_and_recovers()
    {
        var client = factory.CreateBrowserClient();
        var form = await client.GetOkPageAsync(Article);
        var before = (await factory.CommentsOnAsync("will-there-be-a-purple-hearts-2")).Count;

        ReadOnly(true);
        try
        {
            DatabaseProviders.ClearPools();
            var (read, _) = await client.GetPageAsync(Article);
            var write = await client.SubmitCommentFormAsync(form, Comment("Written during the fault"));
            var page = await HtmlClient.ParseAsync(write);

            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
            Assert.Equal("Temporarily unavailable", page.QuerySelector("h1")!.TextContent);
            Assert.True(write.Headers.Contains("Retry-After"));
        }
        finally
        {
            ReadOnly(false);
        }

        var after = await client.SubmitCommentFormAsync(form, Comment("Written after the fault"));

        Assert.Equal(HttpStatusCode.SeeOther, after.StatusCode);
        var comments = await factory.CommentsOnAsync("will-there-be-a-purple-hearts-2");
        Assert.Equal(before + 1, comments.Count);
        Assert.DoesNotContain(comments, c => c.BodyMarkdown == "Written during the fault");
    }

    private void ReadOnly(bool on)
    {
        if (TestDatabase.IsPostgres)
        {
            TestDatabase.SetReadOnly(factory.ConnectionString, on);
            return;
        }

        using var chattr = Process.Start(new ProcessStartInfo("chattr", [on ? "+i" : "-i", factory.DatabasePath]) { RedirectStandardError = true })!;
        chattr.WaitForExit();
        Assert.True(chattr.ExitCode == 0, chattr.StandardError.ReadToEnd());
    }
}

/// <summary>The database's folder vanishes (a lost mount, an operator's mistake) and comes back.</summary>
public sealed class MissingDirectoryTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Article = "/articles/will-there-be-a-purple-hearts-2";

    /// <summary>A page already in the reader cache still serves; anything that needs the database answers 503.</summary>
    [SqliteFact]
    public async Task Without_its_folder_the_site_answers_503_and_recovers_when_it_returns()
    {
        var client = factory.CreateBrowserClient();
        var form = await client.GetOkPageAsync(Article);
        var hidden = factory.DataDirectory + "-moved";

        Directory.Move(factory.DataDirectory, hidden);
        try
        {
            SqliteConnection.ClearAllPools();
            var cached = await factory.CreateBrowserClient("192.0.2.250").GetAsync(Article);
            var (read, page) = await client.GetPageAsync(Article + "?cpage=2");
            var write = await client.SubmitCommentFormAsync(form, Comment("Written while the folder was gone"));

            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.Equal("Temporarily unavailable", page.QuerySelector("h1")!.TextContent);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        }
        finally
        {
            Directory.Move(hidden, factory.DataDirectory);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Article)).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await client.SubmitCommentFormAsync(form, Comment("Written after it came back"))).StatusCode);
        Assert.DoesNotContain(await factory.CommentsOnAsync("will-there-be-a-purple-hearts-2"), c => c.BodyMarkdown.StartsWith("Written while", StringComparison.Ordinal));
    }
}
