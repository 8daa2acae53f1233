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
}
