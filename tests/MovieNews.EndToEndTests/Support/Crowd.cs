using System.Collections.Concurrent;

namespace MovieNews.EndToEndTests.Support;

/// <summary>Many commenters posting at once, each with its own cookies and token, spread over one or more app instances.</summary>
public static class Crowd
{
    public sealed record Outcome(IReadOnlyList<int> Statuses, IReadOnlyList<int> StoredIds);

    public static async Task<Outcome> PostAsync(IReadOnlyList<AppProcess> instances, string article, int commenters, int commentsEach)
    {
        var statuses = new ConcurrentBag<int>();
        var ids = new ConcurrentBag<int>();
        await Task.WhenAll(Enumerable.Range(0, commenters).Select(async client =>
        {
            using var commenter = await instances[client % instances.Count].NewCommenterAsync(article);
            for (var i = 0; i < commentsEach; i++)
            {
                var (status, id) = await commenter.PostAsync($"Load {client}", $"Comment {i} from client {client}");
                statuses.Add(status);
                if (id is { } stored)
                {
                    ids.Add(stored);
                }
            }
        }));
        return new Outcome([.. statuses], [.. ids]);
    }

    /// <summary>
    /// Ten commenters post until at least <paramref name="acknowledgedBeforeKill"/> comments are acknowledged, then
    /// the server is killed with SIGKILL mid-write. Returns the ids the server acknowledged (answered 303 for).
    /// </summary>
    public static async Task<IReadOnlyCollection<int>> KillMidWriteAsync(AppProcess app, string article, int acknowledgedBeforeKill = 200)
    {
        var acknowledged = new ConcurrentBag<int>();
        using var stop = new CancellationTokenSource();
        try
        {
            var posting = Enumerable.Range(0, 10).Select(client => Task.Run(async () =>
            {
                using var commenter = await app.NewCommenterAsync(article);
                for (var i = 0; !stop.IsCancellationRequested && i < 10_000; i++)
                {
                    try
                    {
                        if ((await commenter.PostAsync($"Crash {client}", $"Before the crash {i} from {client}")).CommentId is { } stored)
                        {
                            acknowledged.Add(stored);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return; // The server is gone.
                    }
                }
            })).ToList();

            while (acknowledged.Count < acknowledgedBeforeKill && !posting.All(p => p.IsCompleted))
            {
                await Task.Delay(20);
            }

            app.KillHard();
            await stop.CancelAsync();
            await Task.WhenAll(posting);
            return [.. acknowledged];
        }
        finally
        {
            app.Dispose();
        }
    }
}
