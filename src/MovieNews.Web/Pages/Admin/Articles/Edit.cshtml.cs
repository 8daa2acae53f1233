using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Rendering;
using MovieNews.Web.Features.Review;
using MovieNews.Web.Features.Site;
using MovieNews.Web.Infrastructure;

namespace MovieNews.Web.Pages.Admin.Articles;

/// <remarks>
/// The form is multipart so a featured picture can be uploaded in place without JavaScript: such a post gets the
/// library's body limit (<see cref="MediaUploads"/>), and its text fields are cleaned of U+0000 here.
/// </remarks>
[EnableRateLimiting(PreviewBudget.RateLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
public sealed class EditModel(
    MovieNewsDbContext db,
    ArticleAuthoring authoring,
    MarkdownRenderer renderer,
    MediaLibrary library,
    IOptions<MediaOptions> mediaOptions,
    UserManager<EditorUser> users,
    SiteTime siteTime,
    ArticleReview review,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public ArticleForm Input { get; set; } = new();

    [BindProperty]
    public NewPictureForm NewPicture { get; set; } = new();

    [BindProperty]
    public IFormFile? NewPictureFile { get; set; }

    /// <summary>Said when a picture sent with this form joined the library.</summary>
    public string? PictureMessage { get; private set; }

    public long MaxPictureMegabytes => mediaOptions.Value.MaxUploadBytes / (1024 * 1024);

    public int? Id { get; private set; }

    /// <summary>The stored status (none for a new article): it decides which actions the form offers.</summary>
    public ArticleStatus? CurrentStatus { get; private set; }
    public DateTime? CurrentPublishedUtc { get; private set; }
    public bool InTrash { get; private set; }
    public string? PublicUrl { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public SafeHtml? Preview { get; private set; }
    public ArticleSnapshot? Conflict { get; private set; }
    public IReadOnlyList<ArticleRevision> Revisions { get; private set; } = [];
    public IReadOnlyList<PictureChoice> Pictures { get; private set; } = [];

    /// <summary>Everyone who can be credited: the ticked authors first, in byline order, then the rest by name.</summary>
    public IReadOnlyList<StaffChoice> Staff { get; private set; } = [];

    /// <summary>What the signed-in person may do with this article (<see cref="ArticleAccess"/>).</summary>
    public ArticleRights Rights { get; private set; } = ArticleRights.None;

    /// <summary>A live article the person may not change in place: the form submits a change for review.</summary>
    public bool MustPropose => Rights is { Open: true, EditInPlace: false };

    public bool CanUpload => ArticleAccess.CanUpload(User);

    /// <summary>The change to this live article waiting for review (or returned to its writer), if any.</summary>
    public ArticleChange? OpenChange { get; private set; }

    /// <summary>The form holds <see cref="OpenChange"/> rather than the published text.</summary>
    public bool ShowsOpenChange { get; private set; }

    public IReadOnlyList<ReviewNote> ReviewNotes { get; private set; } = [];

    /// <summary>The series there are, offered as the series field's suggestions.</summary>
    public IReadOnlyList<string> SeriesTitles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, rights => rights.Open, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (id is null)
        {
            Input = new ArticleForm { CommentsOpen = true, Status = nameof(ArticleStatus.Draft), AuthorIds = users.GetUserId(User) is { } me ? [me] : [] };
            Pictures = await PictureChoice.ListAsync(db, null, cancellationToken);
            Staff = await StaffChoice.ListAsync(db, Input.AuthorIds, cancellationToken);
            SeriesTitles = await SeriesTitlesAsync(cancellationToken);
            return Page();
        }

        var article = await db.Articles.AsNoTracking().Include(a => a.Tags).Include(a => a.Authors).Include(a => a.InSeries).AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        Input = ArticleForm.From(article, siteTime);
        await LoadContextAsync(id.Value, cancellationToken);
        if (MustPropose && OpenChange is not null)
        {
            // A writer carries on with their change, not the published text it would replace.
            Input = Input.WithChange(OpenChange);
            ShowsOpenChange = true;
        }

        return Page();
    }

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        Input.RemoveNulCharacters();
        NewPicture.RemoveNulCharacters();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, rights => rights.EditInPlace && (rights.Publish || Input.Status is nameof(ArticleStatus.Draft) or nameof(ArticleStatus.InReview)), cancellationToken) is { } refused)
        {
            return refused;
        }

        await KeepCreditsAsync(id, cancellationToken);
        if (!await TakeNewPictureAsync(cancellationToken))
        {
            return await ReshowAsync(id, StatusCodes.Status400BadRequest, cancellationToken);
        }

        var input = await ValidateAsync(cancellationToken);
        if (input is null)
        {
            return await ReshowAsync(id, StatusCodes.Status400BadRequest, cancellationToken);
        }

        var savedBy = User.FindFirstValue(ClaimTypes.Name) ?? "editor";
        var before = id is null ? (ArticleStatus?)null
            : await db.Articles.Where(a => a.Id == id).Select(a => (ArticleStatus?)a.Status).SingleOrDefaultAsync(cancellationToken);
        SaveArticleResult result;
        try
        {
            result = id is null
                ? await authoring.CreateAsync(input with { CreatedById = users.GetUserId(User) }, savedBy, cancellationToken)
                : await authoring.UpdateAsync(id.Value, input, Input.Version, savedBy, cancellationToken);
        }
        catch (MarkdownTooDeepException)
        {
            Errors[nameof(ArticleForm.Body)] = MarkdownTooDeepException.UserMessage;
            return await ReshowAsync(id, StatusCodes.Status400BadRequest, cancellationToken);
        }
        catch (DbUpdateException) when (input.FeaturedMediaId is not null)
        {
            // Deleted from the library between the check above and the save: the database's restriction refused it.
            db.ChangeTracker.Clear();
            if (await db.MediaItems.AnyAsync(m => m.Id == input.FeaturedMediaId, cancellationToken))
            {
                throw;
            }

            Errors[nameof(ArticleForm.FeaturedMediaId)] = SiteText.Get(FeaturedGoneMessage);
            return await ReshowAsync(id, StatusCodes.Status409Conflict, cancellationToken);
        }

        switch (result)
        {
            case SaveArticleResult.Saved saved:
                await review.AfterSaveAsync(before, saved.Article, User, Input.ReviewNote, cancellationToken);
                TempData["Message"] = $"{PictureMessage}{(PictureMessage is null ? "" : " ")}{PublishingSummary.After(before, saved.Article, siteTime)}";
                if (PublishingSummary.IsUnpublish(before, saved.Article.Status))
                {
                    UndoOffer.Offer(TempData, "Undo: publish it again", $"/admin/articles/edit/{saved.Article.Id}?handler=Republish",
                        [new("status", before!.Value.ToString())]);
                }

                return Redirect($"/admin/articles/edit/{saved.Article.Id}");
            case SaveArticleResult.SlugTaken:
                Errors[nameof(ArticleForm.Slug)] = SiteText.Get("Another article already uses this slug.");
                return await ReshowAsync(id, StatusCodes.Status409Conflict, cancellationToken);
            case SaveArticleResult.Conflict conflict:
                // Keep the editor's text; show theirs beside it; saving again deliberately overwrites.
                Conflict = conflict.Current;
                Input.Version = conflict.Current.Version;
                return await ReshowAsync(id, StatusCodes.Status409Conflict, cancellationToken);
            default:
                return NotFound();
        }
    }

    /// <summary>A change to a live article, kept beside it for an editor to apply: readers keep the published version meanwhile.</summary>
    public async Task<IActionResult> OnPostProposeAsync(int id, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, rights => rights.Open, cancellationToken) is { } refused)
        {
            return refused;
        }

        var live = await db.Articles.AsNoTracking().Include(a => a.InSeries).SingleAsync(a => a.Id == id, cancellationToken);
        if (live.Status is not (ArticleStatus.Published or ArticleStatus.Scheduled) || live.DeletedUtc is not null)
        {
            Errors["Review"] = live.DeletedUtc is not null
                ? SiteText.Get("This article is in the trash: a change to it cannot wait for review.")
                : SiteText.Get("Only a change to a published or scheduled article waits for review this way: save this one, or submit it for review.");
            return await ReshowAsync(id, StatusCodes.Status400BadRequest, cancellationToken);
        }

        if (NewPictureFile is { Length: > 0 })
        {
            Errors[nameof(NewPictureFile)] = SiteText.Get("A change for review carries the words only: upload the picture in the library, and ask an editor to use it.");
            return await ReshowAsync(id, StatusCodes.Status400BadRequest, cancellationToken);
        }

        // A change carries the words; everything else stays the live article's, so nothing the review page does not show can change.
        await KeepCreditsAsync(id, cancellationToken);
        Input.WithSettingsOf(live, siteTime);
        var input = await ValidateAsync(cancellationToken);

        try
        {
            // Rendered now so that a body the renderer refuses is said here, not found by the editor applying it.
            _ = input is null ? null : renderer.RenderArticle(input.BodyMarkdown);
        }
        catch (MarkdownTooDeepException)
        {
            Errors[nameof(ArticleForm.Body)] = MarkdownTooDeepException.UserMessage;
            input = null;
        }

        if (input is null)
        {
            ShowsOpenChange = MustPropose;
            return await ReshowAsync(id, StatusCodes.Status400BadRequest, cancellationToken);
        }

        await review.ProposeAsync(id, new ChangeText(input.Title, input.Excerpt, input.Tags, input.BodyMarkdown), User, Input.ReviewNote, cancellationToken);
        TempData["Message"] = SiteText.Format("Your change to “{0}” was sent for review. Readers see the published version until an editor applies it.", input.Title);
        return Redirect($"/admin/articles/edit/{id}");
    }

    public async Task<IActionResult> OnPostPreviewAsync(int? id, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, rights => rights.Open, cancellationToken) is { } refused)
        {
            return refused;
        }

        ShowsOpenChange = Request.Form.ContainsKey("ShowsOpenChange");
        if (!await TakeNewPictureAsync(cancellationToken))
        {
            return await ReshowAsync(id, StatusCodes.Status400BadRequest, cancellationToken);
        }

        var (preview, problem) = await PreviewBudget.RenderAsync(renderer, Input.Body, cancellationToken);
        Preview = preview;
        if (problem is not null)
        {
            Errors[nameof(ArticleForm.Body)] = problem.Message;
        }

        return await ReshowAsync(id, problem?.Status ?? StatusCodes.Status200OK, cancellationToken);
    }

    /// <summary>The live preview's request: the same renderer and sanitizer as a save, returned as an HTML fragment (or a message).</summary>
    public async Task<IActionResult> OnPostRenderAsync(CancellationToken cancellationToken)
    {
        var (preview, problem) = await PreviewBudget.RenderAsync(renderer, Input.Body, cancellationToken);
        return problem is null
            ? Content(preview!.Value, "text/html; charset=utf-8")
            : new ContentResult { StatusCode = problem.Status, Content = SiteText.Get(problem.Message), ContentType = "text/plain; charset=utf-8" };
    }

    public async Task<IActionResult> OnPostTrashAsync(int id, CancellationToken cancellationToken) =>
        await AuthorizeAsync(id, rights => rights.Trash, cancellationToken) ?? await MoveAsync(id, trash: true, cancellationToken);

    public async Task<IActionResult> OnPostRestoreAsync(int id, CancellationToken cancellationToken) =>
        await AuthorizeAsync(id, rights => rights.Trash, cancellationToken) ?? await MoveAsync(id, trash: false, cancellationToken);

    /// <summary>The undo of an unpublish: the article goes back to how it was (published, or scheduled while its time is still ahead).</summary>
    public async Task<IActionResult> OnPostRepublishAsync(int id, [FromForm] string? status, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(id, rights => rights.Publish, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await db.Articles.Where(a => a.Id == id).Select(a => (DateTime?)a.DeletedUtc).SingleOrDefaultAsync(cancellationToken) is not null)
        {
            TempData["Message"] = SiteText.Get("This article is in the trash: restore it first, then publish it.");
            return Redirect($"/admin/articles/edit/{id}");
        }

        var wanted = status == nameof(ArticleStatus.Scheduled) ? ArticleStatus.Scheduled : ArticleStatus.Published;
        var article = await authoring.RepublishAsync(id, wanted, User.FindFirstValue(ClaimTypes.Name) ?? "editor", cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        TempData["Message"] = PublishingSummary.After(ArticleStatus.Draft, article, siteTime);
        return Redirect($"/admin/articles/edit/{id}");
    }

    private async Task<IActionResult> MoveAsync(int id, bool trash, CancellationToken cancellationToken)
    {
        var title = await db.Articles.Where(a => a.Id == id).Select(a => a.Title).SingleOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return NotFound();
        }

        await authoring.MoveToTrashAsync(id, trash, cancellationToken);
        if (!trash)
        {
            TempData["Message"] = SiteText.Format("Restored “{0}” from the trash: readers see it again as before.", title);
            return Redirect($"/admin/articles/edit/{id}");
        }

        TempData["Message"] = SiteText.Format("Moved “{0}” to the trash: readers now get “gone” at its address.", title);
        UndoOffer.Offer(TempData, "Undo", $"/admin/articles/edit/{id}?handler=Restore", []);
        return Redirect("/admin/articles");
    }

    /// <summary>
    /// Sets <see cref="Rights"/> for the article (a new one when <paramref name="id"/> is null); a 404 when there is no
    /// such article, a 403 when the person may not do what is asked.
    /// </summary>
    private async Task<IActionResult?> AuthorizeAsync(int? id, Func<ArticleRights, bool> need, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            Rights = ArticleAccess.ForNew(User);
        }
        else if (await ArticleAccess.ForAsync(db, User, id.Value, cancellationToken) is { } rights)
        {
            Rights = rights;
        }
        else
        {
            return NotFound();
        }

        if (!need(Rights) || (NewPictureFile is { Length: > 0 } && !CanUpload))
        {
            return Forbid();
        }

        return null;
    }

    /// <summary>Writers are credited on what they write: their form's authors and byline are the stored ones, whatever was posted.</summary>
    private async Task KeepCreditsAsync(int? id, CancellationToken cancellationToken)
    {
        if (Rights.Credit)
        {
            return;
        }

        if (id is null)
        {
            Input.AuthorIds = users.GetUserId(User) is { } me ? [me] : [];
            Input.AuthorName = null;
            return;
        }

        var stored = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.CustomByline, a.AuthorName, Ids = a.Authors.OrderBy(c => c.Position).Select(c => c.UserId).ToList() })
            .SingleAsync(cancellationToken);
        Input.AuthorIds = stored.Ids;
        Input.AuthorName = stored.CustomByline ? stored.AuthorName : null;
    }

    private const string FeaturedGoneMessage = "That picture is no longer in the library: choose another, or none.";

    /// <summary>
    /// A picture sent with the form joins the library and becomes the featured one, before anything else is
    /// checked, so a refusal elsewhere in the form does not ask for the file again.
    /// </summary>
    private async Task<bool> TakeNewPictureAsync(CancellationToken cancellationToken)
    {
        if (NewPictureFile is null || NewPictureFile.Length == 0)
        {
            return true;
        }

        var result = await library.UploadAsync(NewPictureFile, new MediaDescription(NewPicture.AltText, NewPicture.Caption, NewPicture.Credit),
            User, mediaOptions.Value, cancellationToken);
        switch (result)
        {
            case UploadResult.Uploaded uploaded:
                Input.FeaturedMediaId = uploaded.Item.Id.ToString(CultureInfo.InvariantCulture);
                NewPicture = new NewPictureForm();
                PictureMessage = SiteText.Format("“{0}” was added to the media library and chosen as the featured picture.", uploaded.Item.FileName);
                return true;
            case UploadResult.Refused refused:
                foreach (var (field, message) in refused.Errors)
                {
                    Errors[NewPictureForm.FieldFor(field)] = message;
                }

                return false;
            default:
                throw new InvalidOperationException("Unknown upload result.");
        }
    }

    private async Task<ArticleInput?> ValidateAsync(CancellationToken cancellationToken)
    {
        int? featured = null;
        if (!string.IsNullOrWhiteSpace(Input.FeaturedMediaId))
        {
            if (int.TryParse(Input.FeaturedMediaId, NumberStyles.None, CultureInfo.InvariantCulture, out var mediaId)
                && await db.MediaItems.AnyAsync(m => m.Id == mediaId, cancellationToken))
            {
                featured = mediaId;
            }
            else
            {
                Errors[nameof(ArticleForm.FeaturedMediaId)] = SiteText.Get(FeaturedGoneMessage);
            }
        }

        var title = Input.Title?.Trim() ?? string.Empty;
        if (title.Length is 0 or > 200)
        {
            Errors[nameof(ArticleForm.Title)] = SiteText.Get("Enter a title of at most 200 characters.");
        }

        var slug = string.IsNullOrWhiteSpace(Input.Slug) ? Features.Articles.Slug.From(title) : Input.Slug.Trim();
        Input.Slug = slug;
        if (!Features.Articles.Slug.IsValid(slug))
        {
            Errors[nameof(ArticleForm.Slug)] = SiteText.Get("Use lowercase letters, digits and single hyphens (at most 100 characters).");
        }

        if (Input.Excerpt?.Length > 1000)
        {
            Errors[nameof(ArticleForm.Excerpt)] = SiteText.Format("The excerpt can be at most {0:N0} characters.", 1000);
        }

        if (Input.ReviewNote?.Length > ReviewNote.TextMaxLength)
        {
            Errors[nameof(ArticleForm.ReviewNote)] = SiteText.Format("A note for the editor can be at most {0:N0} characters.", ReviewNote.TextMaxLength);
        }

        if (Input.Body?.Length > PreviewBudget.MaxBodyLength)
        {
            Errors[nameof(ArticleForm.Body)] = PreviewBudget.TooLongMessage;
        }

        var tags = (Input.Tags ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (tags.Length > 20 || tags.Any(t => t.Length > 60))
        {
            Errors[nameof(ArticleForm.Tags)] = SiteText.Get("Use at most 20 tags of at most 60 characters each.");
        }

        if (!Enum.TryParse<ArticleStatus>(Input.Status, out var status) || !Enum.IsDefined(status))
        {
            Errors[nameof(ArticleForm.Status)] = SiteText.Get("Choose draft, published or scheduled.");
        }

        var publishAt = ReadPublishTime();
        if (status == ArticleStatus.Scheduled && !Errors.ContainsKey(nameof(ArticleForm.PublishAt))
            && (publishAt is null || publishAt <= clock.GetUtcNow().UtcDateTime))
        {
            Errors[nameof(ArticleForm.PublishAt)] = SiteText.Get("A scheduled article needs a publish time in the future.");
        }

        // The byline is the ticked authors' names; a typed byline (a guest, an agency) is published as typed, so the
        // same rules as a display name apply to it (above all: never an email address). Nobody ticked and nothing
        // typed: the editor saving is the author.
        string? typed = null;
        if (!string.IsNullOrWhiteSpace(Input.AuthorName))
        {
            var byline = DisplayNames.Check(Input.AuthorName);
            typed = byline.Name;
            if (byline.Problem is not null)
            {
                Errors[nameof(ArticleForm.AuthorName)] = byline.Problem == DisplayNames.EmailMessage
                    ? SiteText.Get("The byline is shown publicly, so it cannot contain “@”: use a name, not an email address.")
                    : SiteText.Get("Enter a byline of 1 to 100 characters, or leave it empty to sign with the authors' names.");
            }
        }

        var authorIds = (Input.AuthorIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).Distinct().ToList();
        if (authorIds.Count > Features.Authors.Bylines.MaxAuthors)
        {
            Errors[nameof(ArticleForm.AuthorIds)] = SiteText.Format("Credit at most {0} authors.", Features.Authors.Bylines.MaxAuthors);
        }
        else if (authorIds.Count > 0 && await db.Users.CountAsync(u => authorIds.Contains(u.Id), cancellationToken) != authorIds.Count)
        {
            Errors[nameof(ArticleForm.AuthorIds)] = SiteText.Get("One of the authors ticked no longer has an account: tick the authors again.");
        }

        if (authorIds.Count == 0 && typed is null && users.GetUserId(User) is { } me)
        {
            authorIds.Add(me);
        }

        var seriesTitle = Input.SeriesTitle?.Trim() ?? string.Empty;
        if (seriesTitle.Length > Features.Series.Series.TitleMaxLength)
        {
            Errors[nameof(ArticleForm.SeriesTitle)] = SiteText.Format("A series title has at most {0} characters.", Features.Series.Series.TitleMaxLength);
        }

        int? seriesPart = null;
        if (!string.IsNullOrWhiteSpace(Input.SeriesPart))
        {
            if (int.TryParse(Input.SeriesPart.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var part) && part is >= 1 and <= Features.Series.Series.MaxPart)
            {
                seriesPart = part;
            }
            else
            {
                Errors[nameof(ArticleForm.SeriesPart)] = SiteText.Format("Enter the part as a whole number from 1 to {0}, or leave it empty for the next part.", Features.Series.Series.MaxPart);
            }
        }

        return Errors.Count > 0
            ? null
            : new ArticleInput(title, slug, Input.Excerpt ?? string.Empty, Input.Body ?? string.Empty,
                typed ?? User.Byline(), status, publishAt, tags, Input.CommentsOpen, featured, authorIds, CustomByline: typed is not null,
                Series: new SeriesChoice(seriesTitle, seriesPart));
    }

    /// <summary>
    /// The publish time as typed, read in the site's time zone. A time the clocks skipped, or one they passed twice
    /// with no choice of which, is refused with what happened, so nothing is stored an hour off.
    /// </summary>
    private DateTime? ReadPublishTime()
    {
        if (string.IsNullOrWhiteSpace(Input.PublishAt))
        {
            return null;
        }

        var zone = siteTime.Zone.Id;
        if (SiteTime.ParseInput(Input.PublishAt) is not { } local)
        {
            Errors[nameof(ArticleForm.PublishAt)] = SiteText.Format("Enter the date and time as YYYY-MM-DDTHH:MM (a year from {0} to {1}), in the site's time zone ({2}).", SiteTime.MinYear, SiteTime.MaxYear, zone);
            return null;
        }

        switch (siteTime.Resolve(local, Input.PublishOffset))
        {
            case LocalTimeResolution.Exact exact:
                return exact.At.ToDateTimeUtc();
            case LocalTimeResolution.Skipped skipped:
                Errors[nameof(ArticleForm.PublishAt)] = SiteText.Format(
                    "{0} does not exist on {1} in {2}: the clocks go forward from {3} to {4}. Choose another time, for example {5}.",
                    Clock(local), SiteTime.LongDate(local.Date), zone, Clock(skipped.From), Clock(skipped.To), skipped.Suggested.ToString("HH:mm", CultureInfo.InvariantCulture));
                return null;
            case LocalTimeResolution.Ambiguous ambiguous:
                Errors[nameof(ArticleForm.PublishAt)] = SiteText.Format(
                    "{0} happens twice on {1} in {2}, because the clocks go back: choose which one below.",
                    Clock(local), SiteTime.LongDate(local.Date), zone);
                return null;
            default:
                throw new InvalidOperationException("Unknown resolution.");
        }

        static string Clock(NodaTime.LocalDateTime at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>When the time in the form happens twice in the site's zone, the two moments it may mean.</summary>
    public LocalTimeResolution.Ambiguous? PublishTimeChoices =>
        SiteTime.ParseInput(Input.PublishAt) is { } local && siteTime.Resolve(local, null) is LocalTimeResolution.Ambiguous ambiguous ? ambiguous : null;

    public string ZoneName => siteTime.Zone.Id;

    private async Task<IActionResult> ReshowAsync(int? id, int statusCode, CancellationToken cancellationToken)
    {
        Pictures = await PictureChoice.ListAsync(db, Input.FeaturedMediaId, cancellationToken);
        Staff = await StaffChoice.ListAsync(db, Input.AuthorIds, cancellationToken);
        SeriesTitles = await SeriesTitlesAsync(cancellationToken);
        if (id is not null)
        {
            if (!await db.Articles.AnyAsync(a => a.Id == id, cancellationToken))
            {
                return NotFound();
            }

            await LoadContextAsync(id.Value, cancellationToken);
        }

        Response.StatusCode = statusCode;
        return Page();
    }

    private async Task<IReadOnlyList<string>> SeriesTitlesAsync(CancellationToken cancellationToken) =>
        await db.Series.AsNoTracking().OrderBy(s => s.Title).Select(s => s.Title).Take(500).ToListAsync(cancellationToken);

    private async Task LoadContextAsync(int id, CancellationToken cancellationToken)
    {
        SeriesTitles = await SeriesTitlesAsync(cancellationToken);
        Id = id;
        Pictures = await PictureChoice.ListAsync(db, Input.FeaturedMediaId, cancellationToken);
        Staff = await StaffChoice.ListAsync(db, Input.AuthorIds, cancellationToken);
        var state = await db.Articles.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Slug, a.DeletedUtc, a.Status, a.PublishedUtc }).SingleAsync(cancellationToken);
        InTrash = state.DeletedUtc is not null;
        CurrentStatus = state.Status;
        CurrentPublishedUtc = state.PublishedUtc;
        PublicUrl = $"/articles/{state.Slug}";
        Revisions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id)
            .OrderByDescending(r => r.Version).Take(50).ToListAsync(cancellationToken);
        OpenChange = await review.OpenChangeAsync(id, cancellationToken);
        ReviewNotes = await db.ReviewNotes.AsNoTracking().Where(n => n.ArticleId == id)
            .OrderByDescending(n => n.Id).Take(20).ToListAsync(cancellationToken);
    }
}

/// <summary>The editor form exactly as posted: strings, so nothing typed is lost to a failed conversion.</summary>
public sealed class ArticleForm
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Excerpt { get; set; }
    public string? Tags { get; set; }
    public string? Body { get; set; }
    /// <summary>A typed byline; empty signs with the authors' names.</summary>
    public string? AuthorName { get; set; }

    /// <summary>The staff credited, in byline order.</summary>
    public List<string>? AuthorIds { get; set; }
    public string? Status { get; set; }
    public string? PublishAt { get; set; }

    /// <summary>Which of two moments a time the clocks pass twice means ("+02:00"); ignored for any other time.</summary>
    public string? PublishOffset { get; set; }
    public bool CommentsOpen { get; set; }

    /// <summary>A note for the editor, sent with a submission for review.</summary>
    public string? ReviewNote { get; set; }

    /// <summary>The series this article is a part of (a new title starts one; empty: none), and its part number (empty: the next).</summary>
    public string? SeriesTitle { get; set; }
    public string? SeriesPart { get; set; }
    public int Version { get; set; }
    public string? FeaturedMediaId { get; set; }

    public void RemoveNulCharacters()
    {
        Title = Title.WithoutNul();
        Slug = Slug.WithoutNul();
        Excerpt = Excerpt.WithoutNul();
        Tags = Tags.WithoutNul();
        Body = Body.WithoutNul();
        AuthorName = AuthorName.WithoutNul();
        AuthorIds = AuthorIds?.Select(id => id.WithoutNul() ?? string.Empty).ToList();
        Status = Status.WithoutNul();
        PublishAt = PublishAt.WithoutNul();
        PublishOffset = PublishOffset.WithoutNul();
        SeriesTitle = SeriesTitle.WithoutNul();
        SeriesPart = SeriesPart.WithoutNul();
        FeaturedMediaId = FeaturedMediaId.WithoutNul();
        ReviewNote = ReviewNote.WithoutNul();
    }

    /// <summary>This form (the live article's) with the words of a change waiting for review.</summary>
    public ArticleForm WithChange(ArticleChange change)
    {
        Title = change.Title;
        Excerpt = change.Excerpt;
        Tags = change.Tags;
        Body = change.BodyMarkdown;
        return this;
    }

    /// <summary>Everything but the words as the live article has it: what a change for review keeps.</summary>
    public void WithSettingsOf(Article live, SiteTime siteTime)
    {
        var stored = From(live, siteTime);
        Slug = stored.Slug;
        Status = stored.Status;
        PublishAt = stored.PublishAt;
        PublishOffset = stored.PublishOffset;
        CommentsOpen = stored.CommentsOpen;
        SeriesTitle = stored.SeriesTitle;
        SeriesPart = stored.SeriesPart;
        FeaturedMediaId = stored.FeaturedMediaId;
    }

    public static ArticleForm From(Article article, SiteTime siteTime) => new()
    {
        Title = article.Title,
        Slug = article.Slug,
        Excerpt = article.Excerpt,
        Tags = string.Join(", ", article.Tags.OrderBy(t => t.Name).Select(t => t.Name)),
        Body = article.BodyMarkdown,
        AuthorName = article.CustomByline ? article.AuthorName : null,
        AuthorIds = [.. article.Authors.OrderBy(a => a.Position).Select(a => a.UserId)],
        Status = article.Status.ToString(),
        PublishAt = article.PublishedUtc is { } at ? siteTime.InputValue(at) : null,
        PublishOffset = article.PublishedUtc is { } when ? siteTime.OffsetValue(when) : null,
        CommentsOpen = article.CommentsOpen,
        SeriesTitle = article.InSeries?.Title,
        SeriesPart = article.SeriesPart?.ToString(CultureInfo.InvariantCulture),
        Version = article.Version,
        FeaturedMediaId = article.FeaturedMediaId?.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>A staff member the editor can credit.</summary>
public sealed record StaffChoice(string Id, string DisplayName, string? Email)
{
    private const int Listed = 500;

    public static async Task<IReadOnlyList<StaffChoice>> ListAsync(MovieNewsDbContext db, IReadOnlyList<string>? chosen, CancellationToken cancellationToken)
    {
        var ids = chosen ?? [];
        var staff = await db.Users.AsNoTracking()
            .OrderByDescending(u => ids.Contains(u.Id)).ThenBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Take(Listed)
            .Select(u => new StaffChoice(u.Id, u.DisplayName, u.Email))
            .ToListAsync(cancellationToken);
        return [.. staff.OrderBy(s => ids.Contains(s.Id) ? IndexOf(ids, s.Id) : int.MaxValue)];
    }

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}

/// <summary>A picture the editor can make the featured one.</summary>
public sealed record PictureChoice(int Id, string AltText, string FileName, int Width, int Height, string? Thumbnail)
{
    private const int Listed = 200;

    public string Value => Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The newest pictures, and the chosen one even when it is older.</summary>
    public static async Task<IReadOnlyList<PictureChoice>> ListAsync(MovieNewsDbContext db, string? chosen, CancellationToken cancellationToken)
    {
        var chosenId = int.TryParse(chosen, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return await db.MediaItems.AsNoTracking()
            .OrderByDescending(m => m.Id == chosenId).ThenByDescending(m => m.CreatedUtc).ThenByDescending(m => m.Id)
            .Take(Listed)
            .Select(m => new PictureChoice(m.Id, m.AltText, m.FileName, m.Width, m.Height,
                m.Variants.Where(v => v.Purpose == Features.Media.VariantPurpose.Width).OrderBy(v => v.Width).Select(v => v.Key).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>The words for a picture uploaded from the editor, kept as typed when the upload is refused.</summary>
public sealed class NewPictureForm
{
    public string? AltText { get; set; }
    public string? Caption { get; set; }
    public string? Credit { get; set; }

    /// <summary>The editor's name for a field the library refused.</summary>
    public static string FieldFor(string libraryField) => "NewPicture" + libraryField;

    public void RemoveNulCharacters()
    {
        AltText = AltText.WithoutNul();
        Caption = Caption.WithoutNul();
        Credit = Credit.WithoutNul();
    }
}
