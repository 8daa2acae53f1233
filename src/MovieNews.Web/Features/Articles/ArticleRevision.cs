namespace MovieNews.Web.Features.Articles;

/// <summary>What an article looked like after one save, so an editor can look back and restore it.</summary>
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Version { get; set; }
    public required string Title { get; set; }
    public string Excerpt { get; set; } = string.Empty;
    public required string BodyMarkdown { get; set; }
    public required string SavedBy { get; set; }
    public DateTime SavedUtc { get; set; }
}
