namespace MovieNews.Web.Features.Articles;

public sealed class Tag
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public List<Article> Articles { get; set; } = [];

    /// <summary>Articles readers can see under this tag now (<see cref="TagCounts"/>).</summary>
    public int ArticleCount { get; set; }
}
