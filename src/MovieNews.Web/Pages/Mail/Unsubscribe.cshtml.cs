using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Mail;

namespace MovieNews.Web.Pages.Mail;

/// <summary>
/// The address in every notice's List-Unsubscribe header and footer. A POST unsubscribes: the mail provider's
/// RFC 8058 one-click post (<c>List-Unsubscribe=One-Click</c>, no cookies, no Origin, so the cross-origin
/// protection lets it through as it does every non-browser client) or the button on the page a browser gets for a
/// GET (a GET never unsubscribes: link scanners open links). The signed link names the address and the
/// subscription, so it stops exactly what it was sent for.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class UnsubscribeModel(MovieNewsDbContext db, SubscriptionTokens tokens) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    public UnsubscribeScope Scope { get; private set; }
    public string? ArticleTitle { get; private set; }
    public string MaskedAddress { get; private set; } = string.Empty;
    public bool Done { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken) is null)
        {
            return Refused();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken) is not { } token)
        {
            return Refused();
        }

        // Exactly what the link was sent for: its subscription (only while it still belongs to its address), or every subscription of its address.
        var stopping = token.Scope == UnsubscribeScope.Address
            ? db.CommentSubscriptions.Where(s => s.AddressKey == token.AddressKey)
            : db.CommentSubscriptions.Where(s => s.PublicId == token.SubscriptionId && s.AddressKey == token.AddressKey);
        await stopping.ExecuteDeleteAsync(cancellationToken);
        Done = true;
        return Page();
    }

    private async Task<UnsubscribeToken?> ReadAsync(CancellationToken cancellationToken)
    {
        if (tokens.ReadUnsubscribe(Token) is not { } token)
        {
            Problem = "This unsubscribe link is not valid. Use the link from the most recent message, or ask the editors to remove your address.";
            return null;
        }

        Scope = token.Scope;
        MaskedAddress = ConfirmModel.Mask(token.AddressKey);
        if (token.Scope == UnsubscribeScope.Subscription)
        {
            var subscription = await db.CommentSubscriptions.AsNoTracking()
                .Where(s => s.PublicId == token.SubscriptionId && s.AddressKey == token.AddressKey)
                .Select(s => new { s.Comment.Article.Title })
                .SingleOrDefaultAsync(cancellationToken);
            ArticleTitle = subscription?.Title;
            // Already gone: unsubscribing again is done, not an error (mail providers may post twice).
            Done = subscription is null;
        }

        return token;
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
