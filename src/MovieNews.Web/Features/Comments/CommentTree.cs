namespace MovieNews.Web.Features.Comments;

/// <summary>What the tree builder needs of a comment.</summary>
public interface IThreadedComment
{
    int Id { get; }
    int? ParentId { get; }
}

public sealed class CommentNode<T>(T comment, int depth)
    where T : IThreadedComment
{
    public T Comment { get; } = comment;
    public int Depth { get; } = depth;
    public List<CommentNode<T>> Replies { get; } = [];
}

public static class CommentTree
{
    /// <summary>
    /// Builds the threads in one pass over comments ordered oldest first (so a parent always comes before its
    /// replies). Replies deeper than <paramref name="maxDepth"/> join their parent's level; a reply whose
    /// parent is not in the list (not approved, or removed) is shown as a top-level comment.
    /// </summary>
    public static List<CommentNode<T>> Build<T>(IEnumerable<T> oldestFirst, int maxDepth)
        where T : IThreadedComment
    {
        maxDepth = Math.Max(1, maxDepth);
        var roots = new List<CommentNode<T>>();
        var nodes = new Dictionary<int, (CommentNode<T> Node, CommentNode<T>? Parent)>();
        foreach (var comment in oldestFirst)
        {
            if (comment.ParentId is { } parentId && nodes.TryGetValue(parentId, out var parent))
            {
                var home = parent.Node.Depth < maxDepth ? parent.Node : parent.Parent;
                var node = new CommentNode<T>(comment, home is null ? 1 : home.Depth + 1);
                (home?.Replies ?? roots).Add(node);
                nodes[comment.Id] = (node, home);
            }
            else
            {
                var node = new CommentNode<T>(comment, 1);
                roots.Add(node);
                nodes[comment.Id] = (node, null);
            }
        }

        return roots;
    }
}
