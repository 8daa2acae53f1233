using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Pages.Admin.Comments;

public sealed class EditModel(
    MovieNewsDbContext db,
    CommentModeration moderation,
    CommentWriter comments,
    UserManager<EditorUser> users,
    AuditLog audit) : PageModel
{
    public QueueRow Comment { get; private set; } = null!;
    public int ArticleId { get; private set; }

    /// <summary>Pinned above the article's thread as an editors' pick.</summary>
    public bool IsPick { get; private set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? Reply { get; set; }

    public string? Error { get; private set; }

    /// <summary>The author's earlier texts, newest first, when they edited the comment within the window.</summary>
    public IReadOnlyList<CommentRevision> EarlierTexts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Body = await db.Comments.Where(c => c.Id == id).Select(c => c.BodyMarkdown).SingleAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Error = await moderation.EditAsync(id, Body, cancellationToken);
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["Message"] = SiteText.Get("Comment updated.");
        return Redirect($"/admin/comments/{id}");
    }

    /// <summary>Pins the comment above its article's thread as an editors' pick (audited).</summary>
    public Task<IActionResult> OnPostPickAsync(int id, CancellationToken cancellationToken) => SetPickAsync(id, pick: true, cancellationToken);

    public Task<IActionResult> OnPostUnpickAsync(int id, CancellationToken cancellationToken) => SetPickAsync(id, pick: false, cancellationToken);

    private async Task<IActionResult> SetPickAsync(int id, bool pick, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Error = await moderation.SetPickAsync(id, pick, cancellationToken);
        if (Error is not null)
        {
            Body = await db.Comments.Where(c => c.Id == id).Select(c => c.BodyMarkdown).SingleAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["Message"] = pick ? SiteText.Get("Comment pinned as an editors' pick.") : SiteText.Get("Comment no longer an editors' pick.");
        return Redirect($"/admin/comments/{id}");
    }

    /// <summary>A staff reply goes through the same pipeline as a reader's (sanitized), approved and marked as staff.</summary>
    public async Task<IActionResult> OnPostReplyAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Comment.Status != CommentStatus.Approved)
        {
            Error = SiteText.Get("Approve the comment before replying to it: replies can only hang under approved comments.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var user = await users.GetUserAsync(User);
        var name = DisplayNames.BylineOf(user);
        var result = await comments.ReplyAsStaffAsync(
            ArticleId,
            new CommentInput { Name = name, Email = user?.Email, Body = Reply, ParentId = id.ToString(CultureInfo.InvariantCulture) },
            staffKey: $"staff:{user?.Id}",
            cancellationToken);
        switch (result)
        {
            case PostCommentResult.Posted posted:
                audit.Record("comment.staff-reply", $"Reply #{posted.CommentId} to comment #{id}", null, posted.Status);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Message"] = SiteText.Get("Reply posted.");
                return Redirect($"/articles/{Comment.ArticleSlug}/comments/{posted.CommentId}");
            case PostCommentResult.Invalid invalid:
                Error = string.Join(" ", invalid.Errors.Values.Select(SiteText.Get));
                break;
            default:
                Error = SiteText.Get("The reply could not be posted.");
                break;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var row = await QueueRow.Project(db.Comments.AsNoTracking().Where(c => c.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return false;
        }

        Comment = row;
        var more = await db.Comments.Where(c => c.Id == id).Select(c => new { c.ArticleId, c.PickedUtc }).SingleAsync(cancellationToken);
        (ArticleId, IsPick) = (more.ArticleId, more.PickedUtc is not null);
        EarlierTexts = await db.CommentRevisions.AsNoTracking().Where(r => r.CommentId == id)
            .OrderByDescending(r => r.ReplacedUtc).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);
        return true;
    }
}
