using MovieNews.Web.Data;

namespace MovieNews.Web.Features.Comments;

/// <summary>Stores an already-moderated comment from an import under its parent, keeping the thread columns right.</summary>
public static class ImportedComments
{
    public static async Task AddAsync(MovieNewsDbContext db, Comment comment, Comment? parent, CancellationToken cancellationToken)
    {
        comment.ParentId = parent?.Id;
        comment.Depth = parent is null ? 1 : parent.Depth + 1;
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        // A top-level comment is its own thread root, which needs its id first.
        comment.ThreadRootId = parent?.ThreadRootId ?? comment.Id;
        await db.SaveChangesAsync(cancellationToken);
    }
}
