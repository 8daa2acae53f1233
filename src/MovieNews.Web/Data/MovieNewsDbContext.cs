using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Bans;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Mail;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Reports;

namespace MovieNews.Web.Data;

/// <summary>The site's data. This type owns the SQLite migrations; <see cref="PostgresMovieNewsDbContext"/> owns PostgreSQL's.</summary>
public class MovieNewsDbContext : IdentityDbContext<EditorUser, IdentityRole, string>
{
    public MovieNewsDbContext(DbContextOptions<MovieNewsDbContext> options)
        : base(options)
    {
    }

    protected MovieNewsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<CommentRevision> CommentRevisions => Set<CommentRevision>();
    public DbSet<CommentLike> CommentLikes => Set<CommentLike>();
    public DbSet<SiteSetting> SiteSettings => Set<SiteSetting>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<TrustedAuthor> TrustedAuthors => Set<TrustedAuthor>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<MediaItem> MediaItems => Set<MediaItem>();
    public DbSet<MediaVariant> MediaVariants => Set<MediaVariant>();
    public DbSet<MediaBlob> MediaBlobs => Set<MediaBlob>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<CommentSubscription> CommentSubscriptions => Set<CommentSubscription>();
    public DbSet<HeldCommentDigestRecipient> HeldCommentDigestRecipients => Set<HeldCommentDigestRecipient>();
    public DbSet<CommentReport> CommentReports => Set<CommentReport>();
    public DbSet<Ban> Bans => Set<Ban>();
    public DbSet<Features.Authors.ArticleAuthor> ArticleAuthors => Set<Features.Authors.ArticleAuthor>();
    public DbSet<Features.Series.Series> Series => Set<Features.Series.Series>();
    public DbSet<Features.Review.ArticleChange> ArticleChanges => Set<Features.Review.ArticleChange>();
    public DbSet<Features.Review.ReviewNote> ReviewNotes => Set<Features.Review.ReviewNote>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StoredLengths.Check(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StoredLengths.Check(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Each feature keeps its entity configuration beside its entity.
        builder.ApplyConfigurationsFromAssembly(typeof(MovieNewsDbContext).Assembly);
    }
}

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that each engine has its own migrations set
/// (EF Core finds a context's migrations by its exact type); the app asks for <see cref="MovieNewsDbContext"/> everywhere.
/// </summary>
public sealed class PostgresMovieNewsDbContext(DbContextOptions<PostgresMovieNewsDbContext> options) : MovieNewsDbContext(options);
