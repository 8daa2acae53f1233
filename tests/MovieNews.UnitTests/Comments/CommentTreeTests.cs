using MovieNews.Web.Features.Comments;

namespace MovieNews.UnitTests.Comments;

public sealed class CommentTreeTests
{
    private sealed record Item(int Id, int? ParentId) : IThreadedComment;

    private static string Shape(IEnumerable<CommentNode<Item>> nodes) =>
        string.Join(" ", nodes.Select(n => n.Replies.Count == 0 ? $"{n.Comment.Id}" : $"{n.Comment.Id}({Shape(n.Replies)})"));

    [Fact]
    public void Top_level_comments_keep_their_oldest_first_order() =>
        Assert.Equal("1 2 3", Shape(CommentTree.Build([new Item(1, null), new Item(2, null), new Item(3, null)], 5)));

    [Fact]
    public void Replies_nest_under_their_parents_in_order()
    {
        var tree = CommentTree.Build([new Item(1, null), new Item(2, null), new Item(3, 1), new Item(4, 2), new Item(5, 1), new Item(6, 3)], 5);

        Assert.Equal("1(3(6) 5) 2(4)", Shape(tree));
    }

    [Fact]
    public void Depth_is_counted_from_one()
    {
        var tree = CommentTree.Build([new Item(1, null), new Item(2, 1), new Item(3, 2)], 5);

        Assert.Equal([1, 2, 3], new[] { tree[0].Depth, tree[0].Replies[0].Depth, tree[0].Replies[0].Replies[0].Depth });
    }

    [Fact]
    public void Replies_past_the_maximum_depth_join_their_parents_level()
    {
        var chain = Enumerable.Range(1, 6).Select(i => new Item(i, i == 1 ? null : i - 1));

        var tree = CommentTree.Build(chain, 3);

        Assert.Equal("1(2(3 4 5 6))", Shape(tree));
        Assert.Equal(3, tree[0].Replies[0].Replies[^1].Depth);
    }

    [Fact]
    public void A_maximum_depth_of_one_shows_every_comment_at_the_top_level() =>
        Assert.Equal("1 2 3", Shape(CommentTree.Build([new Item(1, null), new Item(2, 1), new Item(3, 2)], 1)));

    [Fact]
    public void Orphans_whose_parent_is_not_shown_appear_at_the_top_level() =>
        Assert.Equal("1 3(4)", Shape(CommentTree.Build([new Item(1, null), new Item(3, 2), new Item(4, 3)], 5)));

    [Fact]
    public void Ten_thousand_comments_build_into_the_expected_tree()
    {
        // 1,000 threads, each a chain of ten replies: depth 5 clamps each chain after its fifth level.
        var items = new List<Item>();
        for (var thread = 0; thread < 1_000; thread++)
        {
            var root = thread * 10 + 1;
            for (var i = 0; i < 10; i++)
            {
                items.Add(new Item(root + i, i == 0 ? null : root + i - 1));
            }
        }

        var tree = CommentTree.Build(items, 5);

        Assert.Equal(1_000, tree.Count);
        Assert.All(tree, root => Assert.Equal(6, root.Replies[0].Replies[0].Replies[0].Replies.Count));
        Assert.Equal(10_000, Count(tree));
    }

    private static int Count(IEnumerable<CommentNode<Item>> nodes) => nodes.Sum(n => 1 + Count(n.Replies));
}
