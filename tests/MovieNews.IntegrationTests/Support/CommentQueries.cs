using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Comments;

namespace MovieNews.IntegrationTests.Support;

public static class CommentQueries
{
    public static async Task<List<Comment>> CommentsOnAsync(this MovieNewsFactory factory, string slug)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Comments.AsNoTracking()
            .Where(c => c.Article.Slug == slug).OrderBy(c => c.Id).ToListAsync();
    }

    public static int CommentId(string location) => int.Parse(location[(location.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
