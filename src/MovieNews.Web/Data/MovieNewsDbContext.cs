using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Features.Articles;

namespace MovieNews.Web.Data;

public sealed class MovieNewsDbContext(DbContextOptions<MovieNewsDbContext> options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Tag> Tags => Set<Tag>();

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
