using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Mail;

namespace MovieNews.Web.Pages.Mail;

/// <summary>
/// The double opt-in. Opening the link only shows a button (mail scanners open links; they must not subscribe
/// anyone); pressing it confirms. Like every public form it carries no token of its own: the signed link is the
/// proof, and cross-site posts are refused by the cross-origin protection.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ConfirmModel(MovieNewsDbContext db, SubscriptionTokens tokens, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    public string? ArticleTitle { get; private set; }
    public string MaskedAddress { get; private set; } = string.Empty;
    public bool Confirmed { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) is null ? Refused() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } subscription)
        {
            return Refused();
        }

        subscription.ConfirmedUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        Confirmed = true;
        return Page();
    }

    private async Task<CommentSubscription?> LoadAsync(CancellationToken cancellationToken)
    {
        if (tokens.ReadConfirm(Token) is not { } token)
        {
            Problem = "This confirmation link is not valid, or it has expired. To subscribe, tick “Notify me of replies” when you next comment.";
            return null;
        }

        // The link names the address as well as the subscription: both must still match.
        var subscription = await db.CommentSubscriptions.Include(s => s.Comment).ThenInclude(c => c.Article)
            .SingleOrDefaultAsync(s => s.PublicId == token.SubscriptionId && s.AddressKey == token.AddressKey && s.Kind == SubscriptionKind.Replies, cancellationToken);
        if (subscription is null)
        {
            Problem = "This subscription no longer exists: it was unsubscribed or erased.";
            return null;
        }

        ArticleTitle = subscription.Comment.Article.Title;
        MaskedAddress = Mask(subscription.Email);
        Confirmed = subscription.ConfirmedUtc is not null;
        return subscription;
    }

    private PageResult Refused()
    {
        Response.StatusCode = Problem?.StartsWith("This subscription", StringComparison.Ordinal) == true ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Enough of the address to recognise it, not enough to learn it from a forwarded link.</summary>
    internal static string Mask(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 ? "your address" : $"{email[0]}…{email[at..]}";
    }
}
