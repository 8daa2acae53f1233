using BenchmarkDotNet.Attributes;
using MovieNews.Web.Features.Comments;

namespace MovieNews.Benchmarks;

[MemoryDiagnoser]
public class CommentTreeBenchmarks
{
    private readonly List<Item> _comments = [];

    [GlobalSetup]
    public void Setup()
    {
        // 10,000 comments: 2,000 threads whose replies chain and branch to depth 7 (deeper than the clamp).
        var random = new Random(42);
        for (var id = 1; id <= 10_000; id++)
        {
            var isRoot = id % 5 == 1;
            _comments.Add(new Item(id, isRoot ? null : id - random.Next(1, id % 5 == 0 ? 4 : 2)));
        }
    }

    [Benchmark]
    public int BuildTenThousand() => CommentTree.Build(_comments, 5).Count;

    public sealed record Item(int Id, int? ParentId) : IThreadedComment;
}
