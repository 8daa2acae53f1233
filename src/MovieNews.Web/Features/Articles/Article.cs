namespace MovieNews.Web.Features.Articles;

public sealed class Article
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Excerpt { get; set; } = string.Empty;
    public string BodyMarkdown { get; set; } = string.Empty;

    /// <summary>Sanitized HTML, rendered from <see cref="BodyMarkdown"/> whenever the article is saved.</summary>
    public string BodyHtml { get; set; } = string.Empty;

    public int ReadingMinutes { get; set; } = 1;
    /// <summary>The byline as shown: the authors' names joined, or text an editor typed (<see cref="CustomByline"/>).</summary>
    public required string AuthorName { get; set; }

    /// <summary>The byline was typed (a guest, an agency) rather than made from <see cref="Authors"/>' names; imported articles have one too.</summary>
    public bool CustomByline { get; set; } = true;

    /// <summary>The staff credited, each with a page of their articles.</summary>
    public List<Authors.ArticleAuthor> Authors { get; set; } = [];

    /// <summary>The account that started the article: with the credited authors, the writers who may work on it (<see cref="ArticleAccess"/>).</summary>
    public string? CreatedById { get; set; }
    public ArticleStatus Status { get; set; }

    /// <summary>When readers may see it; for a scheduled article, the moment it goes live.</summary>
    public DateTime? PublishedUtc { get; set; }

    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public bool CommentsOpen { get; set; } = true;

    /// <summary>Set when an editor moves the article to the trash; readers then get 410 Gone.</summary>
    public DateTime? DeletedUtc { get; set; }

    /// <summary>Optimistic concurrency: bumped on every save, so a stale editor form cannot overwrite newer work.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Bumped whenever what readers see changes without a save of the article (its comments, its featured picture's words); with <see cref="Version"/> it makes the page's ETag.</summary>
    public int CommentsVersion { get; set; }

    /// <summary>Approved comments, kept by the cache invalidation whenever visible comments change, so article cards need no count per card.</summary>
    public int CommentCount { get; set; }
    public List<Tag> Tags { get; set; } = [];

    /// <summary>The picture at the top of the article, on its cards and on its social card.</summary>
    public int? FeaturedMediaId { get; set; }
    public Media.MediaItem? FeaturedMedia { get; set; }

    /// <summary>The series the article is a part of, and which part (readers step through the parts in this order).</summary>
    public int? SeriesId { get; set; }
    public Series.Series? InSeries { get; set; }
    public int? SeriesPart { get; set; }

    /// <summary>Library pictures the Markdown shows, kept at every save so the library can tell where each is used.</summary>
    public List<Media.MediaItem> BodyMedia { get; set; } = [];
}

public enum ArticleStatus
{
    Draft = 0,
    Published = 1,
    Scheduled = 2,

    /// <summary>Submitted by its writer and waiting for an editor (<see cref="Review.ArticleReview"/>); readers cannot see it.</summary>
    InReview = 3,
}
