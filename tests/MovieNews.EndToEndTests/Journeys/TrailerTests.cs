using Microsoft.Playwright;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Journeys;

/// <summary>A trailer in an article: nothing from the video site until the reader presses play.</summary>
[Collection(LiveSiteCollection.Name)]
public sealed class TrailerTests(LiveSite site)
{
    private const string Slug = "the-trailer-is-here";

    private static bool IsVideoSite(string url) =>
        url.Contains("youtube", StringComparison.OrdinalIgnoreCase) || url.Contains("ytimg", StringComparison.OrdinalIgnoreCase)
        || url.Contains("vimeo", StringComparison.OrdinalIgnoreCase) || url.Contains("googlevideo", StringComparison.OrdinalIgnoreCase);

    private async Task EnsureArticleAsync()
    {
        var check = await site.NewPageAsync();
        if ((await check.APIRequest.GetAsync($"/articles/{Slug}")).Status == 200)
        {
            return;
        }

        var editor = await site.SignedInAdminPageAsync();
        await editor.GotoAsync("/admin/articles/edit");
        await editor.FillAsync("#Input_Title", "The Trailer Is Here");
        await editor.FillAsync("#Input_Body", "Watch it below.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nThoughts in the comments.");
        await editor.FillAsync("#Input_PublishAt", "2019-05-01T10:00");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await editor.WaitForURLAsync("**/admin/articles/edit/*");
    }

    [Fact]
    public async Task The_player_loads_from_youtube_nocookie_only_after_the_reader_presses_play()
    {
        await EnsureArticleAsync();
        var reader = await site.NewPageAsync();
        var requests = new List<string>();
        reader.Request += (_, request) => requests.Add(request.Url);
        await reader.RouteAsync("https://www.youtube-nocookie.com/**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<title>player</title>" }));

        await reader.GotoAsync($"/articles/{Slug}");
        await reader.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var beforeClick = requests.Where(IsVideoSite).ToList();
        await reader.Locator("a.video-play").ClickAsync();
        var frame = reader.Locator("iframe.video-frame");
        await frame.WaitForAsync();

        Assert.Empty(beforeClick);
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", await frame.GetAttributeAsync("src"));
        Assert.Equal("YouTube video player", await frame.GetAttributeAsync("title"));
        Assert.Contains(requests, r => r.StartsWith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.StartsWith("https://www.youtube.com/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_javascript_the_play_link_opens_the_video_on_its_site()
    {
        await EnsureArticleAsync();
        var reader = await site.NewPageAsync(javaScript: false);
        await reader.RouteAsync("https://www.youtube.com/**", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<title>video</title>" }));

        await reader.GotoAsync($"/articles/{Slug}");
        await reader.Locator("a.video-play").ClickAsync();
        await reader.WaitForURLAsync("https://www.youtube.com/**");

        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", reader.Url);
    }
}
