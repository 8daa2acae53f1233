using Microsoft.AspNetCore.Html;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Authors;

/// <summary>A byline as pages show it: the credited authors, each linking to their page, or the typed text.</summary>
public sealed record Byline(string Text, bool Custom, IReadOnlyList<AuthorLink> Authors)
{
    /// <summary>Links only when the byline is made from the authors (a typed one stands as typed).</summary>
    public bool Linked => !Custom && Authors.Count > 0;

    /// <summary>"Ana, Ben and Cy", each name a link to its author page; names and addresses encoded.</summary>
    public IHtmlContent Html
    {
        get
        {
            var html = new HtmlContentBuilder();
            if (!Linked)
            {
                return html.AppendHtml("<span class=\"author\">").Append(Text).AppendHtml("</span>");
            }

            for (var i = 0; i < Authors.Count; i++)
            {
                html.Append(i == 0 ? string.Empty : i == Authors.Count - 1 ? SiteText.Get(" and ") : ", ")
                    .AppendHtml("<a class=\"author\" rel=\"author\" href=\"").Append(Authors[i].Url).AppendHtml("\">")
                    .Append(Authors[i].Name).AppendHtml("</a>");
            }

            return html;
        }
    }
}
