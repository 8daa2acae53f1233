using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;

namespace MovieNews.Web.Data;

public sealed class MovieNewsDbContext(DbContextOptions<MovieNewsDbContext> options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<SiteSetting> SiteSettings => Set<SiteSetting>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Each feature keeps its entity configuration beside its entity.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MovieNewsDbContext).Assembly);
    }
}
