using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Comments;

namespace MovieNews.Web.Data;

public sealed class MovieNewsDbContext(DbContextOptions<MovieNewsDbContext> options)
    : IdentityDbContext<EditorUser, IdentityRole, string>(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<SiteSetting> SiteSettings => Set<SiteSetting>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<TrustedAuthor> TrustedAuthors => Set<TrustedAuthor>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

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
