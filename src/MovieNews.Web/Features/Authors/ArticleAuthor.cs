using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Articles;

namespace MovieNews.Web.Features.Authors;

/// <summary>A staff member credited on an article, in byline order.</summary>
public sealed class ArticleAuthor
{
    public int ArticleId { get; set; }
    public required string UserId { get; set; }
    public int Position { get; set; }
    public EditorUser? User { get; set; }
}

/// <summary>An author as a byline links to them.</summary>
public sealed record AuthorLink(string Slug, string Name)
{
    public string Url => $"/authors/{Slug}";
}

internal sealed class ArticleAuthorConfiguration : IEntityTypeConfiguration<ArticleAuthor>
{
    public void Configure(EntityTypeBuilder<ArticleAuthor> author)
    {
        author.HasKey(a => new { a.ArticleId, a.UserId });
        author.HasOne<Article>().WithMany(a => a.Authors).HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Cascade);
        // A removed account leaves its articles, signed with the byline text they had.
        author.HasOne(a => a.User).WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        author.HasIndex(a => a.UserId);
    }
}
