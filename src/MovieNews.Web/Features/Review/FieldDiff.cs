using Microsoft.AspNetCore.Html;

namespace MovieNews.Web.Features.Review;

/// <summary>The text of one field before and after, and its side-by-side comparison when they differ.</summary>
public sealed record FieldDiff(string Label, bool Changed, IHtmlContent? Table)
{
    public sealed record Texts(string Title, string Excerpt, string? Tags, string Body);

    public static IReadOnlyList<FieldDiff> All(Texts before, Texts after) =>
    [
        Of("Title", before.Title, after.Title),
        Of("Excerpt", before.Excerpt, after.Excerpt),
        .. before.Tags is null || after.Tags is null ? Array.Empty<FieldDiff>() : [Of("Tags", before.Tags, after.Tags)],
        Of("Body", before.Body, after.Body),
    ];

    private static FieldDiff Of(string label, string before, string after) =>
        SideBySideDiff.Same(before, after)
            ? new(label, false, null)
            : new(label, true, SideBySideDiff.Render(before, after, Site.SiteText.Format("{0}: before and after", Site.SiteText.Get(label))));
}
