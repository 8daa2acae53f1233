using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Web.Features.Seeding;

/// <summary>
/// <c>generate --articles N --comments M</c>: a large, realistic archive for measuring scale, written with
/// prepared bulk inserts in one transaction (minutes, not hours). One article gets 20,000 comments in deep threads.
/// </summary>
public static class ArchiveGenerator
{
    public const string Name = "generate";
    private const int BigThreadComments = 20_000;

    private static readonly string[] _words =
        "film sequel romance director actor scene story camera trailer premiere festival streaming cinema score music drama thriller comedy character ending twist cast screenplay studio audience review season series chemistry love heart marine singer"
            .Split(' ');

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var articles = Option(args, "--articles", 10_000);
        var comments = Option(args, "--comments", 200_000);
        var stopwatch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        if (!db.Database.IsSqlite())
        {
            await output.WriteLineAsync("generate writes a SQLite archive for the scale benchmarks; run it with Database:Provider=Sqlite.");
            return 2;
        }

        var renderer = scope.ServiceProvider.GetRequiredService<MarkdownRenderer>();
        var random = new Random(20261125);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();

        var tagIds = await InsertTagsAsync(connection, transaction);
        var bodies = Enumerable.Range(0, 20).Select(i => Paragraphs(random, 6 + (i % 5))).ToArray();
        var bodyHtml = bodies.Select(b => renderer.RenderArticle(b).Value).ToArray();
        var articleIds = await InsertArticlesAsync(connection, transaction, articles, random, bodies, bodyHtml, tagIds, output);
        var commentBodies = Enumerable.Range(0, 50).Select(_ => Sentence(random, 8 + random.Next(40))).ToArray();
        var commentHtml = commentBodies.Select(b => renderer.RenderComment(b).Value).ToArray();
        await InsertCommentsAsync(connection, transaction, articleIds, comments, random, commentBodies, commentHtml, output);
        await using (var index = Command(connection, transaction,
            "INSERT INTO ArticleSearch (rowid, Title, Body) SELECT Id, Title, Excerpt || char(10) || BodyMarkdown FROM Articles WHERE Slug LIKE 'generated-%';"))
        {
            await index.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await TagCounts.RecountAsync(db, DateTime.UtcNow, CancellationToken.None);
        await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        await output.WriteLineAsync($"Generated {articles:N0} articles and {comments:N0} comments in {stopwatch.Elapsed.TotalSeconds:N1} s.");
        return 0;
    }

    private static async Task<List<long>> InsertTagsAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        var ids = new List<long>();
        await using var insert = Command(connection, transaction,
            "INSERT INTO Tags (Slug, Name) VALUES ($slug, $name) ON CONFLICT(Slug) DO UPDATE SET Name = Name RETURNING Id;", "$slug", "$name");
        for (var i = 0; i < 60; i++)
        {
            var name = $"{_words[i % _words.Length]}-{i / _words.Length}";
            insert.Parameters["$slug"].Value = name;
            insert.Parameters["$name"].Value = name;
            ids.Add((long)(await insert.ExecuteScalarAsync())!);
        }

        return ids;
    }

    private static async Task<List<long>> InsertArticlesAsync(
        SqliteConnection connection, SqliteTransaction transaction, int count, Random random, string[] bodies, string[] html, List<long> tagIds, TextWriter output)
    {
        await using var insert = Command(connection, transaction, """
            INSERT INTO Articles (Slug, Title, Excerpt, BodyMarkdown, BodyHtml, ReadingMinutes, AuthorName, Status, PublishedUtc, CreatedUtc, UpdatedUtc, CommentsOpen, Version, CommentsVersion)
            VALUES ($slug, $title, $excerpt, $body, $html, 3, $author, 'Published', $at, $at, $at, 1, 1, 0) RETURNING Id;
            """, "$slug", "$title", "$excerpt", "$body", "$html", "$author", "$at");
        await using var tag = Command(connection, transaction, "INSERT OR IGNORE INTO ArticleTags (ArticlesId, TagsId) VALUES ($a, $t);", "$a", "$t");
        var ids = new List<long>(count);
        var start = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var body = random.Next(bodies.Length);
            var title = $"{Capitalised(Sentence(random, 5))} ({i + 1})";
            insert.Parameters["$slug"].Value = $"generated-{i + 1}";
            insert.Parameters["$title"].Value = title;
            insert.Parameters["$excerpt"].Value = Sentence(random, 25);
            insert.Parameters["$body"].Value = bodies[body];
            insert.Parameters["$html"].Value = html[body];
            insert.Parameters["$author"].Value = $"Writer {random.Next(40)}";
            insert.Parameters["$at"].Value = start.AddMinutes(i * 37.0).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var id = (long)(await insert.ExecuteScalarAsync())!;
            ids.Add(id);
            foreach (var t in Enumerable.Range(0, 3).Select(_ => tagIds[random.Next(tagIds.Count)]).Distinct())
            {
                tag.Parameters["$a"].Value = id;
                tag.Parameters["$t"].Value = t;
                await tag.ExecuteNonQueryAsync();
            }

            if ((i + 1) % 2_000 == 0)
            {
                await output.WriteLineAsync($"  articles: {i + 1:N0}/{count:N0}");
            }
        }

        return ids;
    }

    private static async Task InsertCommentsAsync(
        SqliteConnection connection, SqliteTransaction transaction, List<long> articleIds, int count, Random random, string[] bodies, string[] html, TextWriter output)
    {
        await using var insert = Command(connection, transaction, """
            INSERT INTO Comments (ArticleId, ParentId, ThreadRootId, Depth, AuthorName, AuthorEmail, BodyMarkdown, BodyHtml, Status, ModerationReasons, ClientHash, CreatedUtc, IsStaffReply)
            VALUES ($article, $parent, 0, $depth, $author, $email, $body, $html, 'Approved', '[]', $client, $at, 0) RETURNING Id;
            """, "$article", "$parent", "$depth", "$author", "$email", "$body", "$html", "$client", "$at");
        await using var setRoot = Command(connection, transaction, "UPDATE Comments SET ThreadRootId = $root WHERE Id = $id;", "$root", "$id");
        var big = articleIds[^1];
        var thread = new List<(long Id, int Depth)>();
        long root = 0;
        var at = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var onBig = i < Math.Min(BigThreadComments, count);
            var article = onBig ? big : articleIds[random.Next(articleIds.Count - 1)];
            // On the big article, threads of ten: a root and replies that wander down to depth 5.
            var startsThread = !onBig || i % 10 == 0 || thread.Count == 0;
            (long Id, int Depth)? parent = startsThread ? null : thread[random.Next(Math.Max(0, thread.Count - 3), thread.Count)];
            var depth = parent is { } p ? Math.Min(5, p.Depth + 1) : 1;
            var body = random.Next(bodies.Length);
            insert.Parameters["$article"].Value = article;
            insert.Parameters["$parent"].Value = parent is { } pp ? (pp.Depth >= 5 ? ParentOf(thread, pp) : pp.Id) : DBNull.Value;
            insert.Parameters["$depth"].Value = depth;
            insert.Parameters["$author"].Value = $"Reader {random.Next(5_000)}";
            insert.Parameters["$email"].Value = DBNull.Value;
            insert.Parameters["$body"].Value = bodies[body];
            insert.Parameters["$html"].Value = html[body];
            insert.Parameters["$client"].Value = $"generated-{random.Next(5_000)}";
            insert.Parameters["$at"].Value = at.AddSeconds(i * 30.0).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var id = (long)(await insert.ExecuteScalarAsync())!;
            if (startsThread)
            {
                root = id;
                thread.Clear();
            }

            thread.Add((id, depth));
            setRoot.Parameters["$root"].Value = root;
            setRoot.Parameters["$id"].Value = id;
            await setRoot.ExecuteNonQueryAsync();
            if ((i + 1) % 50_000 == 0)
            {
                await output.WriteLineAsync($"  comments: {i + 1:N0}/{count:N0}");
            }
        }
    }

    private static long ParentOf(List<(long Id, int Depth)> thread, (long Id, int Depth) node) =>
        thread.LastOrDefault(t => t.Depth == node.Depth - 1 && t.Id < node.Id).Id is var id and > 0 ? id : node.Id;

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static string Paragraphs(Random random, int count) =>
        "## " + Capitalised(Sentence(random, 4)) + "\n\n" + string.Join("\n\n", Enumerable.Range(0, count).Select(_ => Capitalised(Sentence(random, 60)) + "."));

    private static string Sentence(Random random, int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => _words[random.Next(_words.Length)]));

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }
}
