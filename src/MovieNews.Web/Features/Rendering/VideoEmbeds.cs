using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Rendering;

/// <summary>
/// A YouTube or Vimeo address alone on its line becomes a click-to-load player: until the reader presses play the
/// page holds only a link (no frame, no picture, no script from the video site), so nothing is sent to it; with
/// JavaScript the click swaps in the privacy-enhanced player (youtube-nocookie.com, Vimeo with dnt=1), without it the
/// link opens the video. Runs on sanitized HTML: it emits only markup of its own, around an id it has checked.
/// </summary>
public static partial class VideoEmbeds
{
    private static readonly HtmlParser _parser = new();

    public sealed record Video(string Provider, string Id, string WatchUrl, string EmbedUrl);

    /// <summary>The video an address names, on the hosts allowed; null for anything else.</summary>
    public static Video? Recognise(string? address)
    {
        if (address is null || address.Length > 300 || !Uri.TryCreate(address, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || !uri.IsDefaultPort || uri.UserInfo.Length > 0)
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string? youTube = host switch
        {
            "youtube.com" or "www.youtube.com" or "m.youtube.com" when uri.AbsolutePath == "/watch" => QueryValue(uri.Query, "v"),
            "youtube.com" or "www.youtube.com" or "m.youtube.com" when segments is ["embed" or "shorts" or "live", var id] => id,
            "youtu.be" when segments is [var id] => id,
            "www.youtube-nocookie.com" or "youtube-nocookie.com" when segments is ["embed", var id] => id,
            _ => null,
        };
        if (youTube is not null)
        {
            return YouTubeId().IsMatch(youTube)
                ? new Video("YouTube", youTube, $"https://www.youtube.com/watch?v={youTube}", $"https://www.youtube-nocookie.com/embed/{youTube}?autoplay=1")
                : null;
        }

        string? vimeo = host switch
        {
            "vimeo.com" or "www.vimeo.com" when segments is [var id] => id,
            "player.vimeo.com" when segments is ["video", var id] => id,
            _ => null,
        };
        return vimeo is not null && VimeoId().IsMatch(vimeo)
            ? new Video("Vimeo", vimeo, $"https://vimeo.com/{vimeo}", $"https://player.vimeo.com/video/{vimeo}?autoplay=1&dnt=1")
            : null;
    }

    /// <summary>Replaces each paragraph that is only a video's address (as typed, so linked to itself) with a player to load.</summary>
    public static string Apply(string sanitizedHtml)
    {
        if (!sanitizedHtml.Contains("youtu", StringComparison.OrdinalIgnoreCase) && !sanitizedHtml.Contains("vimeo", StringComparison.OrdinalIgnoreCase))
        {
            return sanitizedHtml;
        }

        var document = _parser.ParseDocument(string.Empty);
        var body = document.Body!;
        body.InnerHtml = sanitizedHtml;
        var changed = false;
        // Only top-level paragraphs: a link quoted, listed or in a table stays a link.
        foreach (var paragraph in body.Children.Where(e => e.LocalName == "p").ToList())
        {
            if (paragraph.Children is not [IElement { LocalName: "a" } link]
                || paragraph.ChildNodes.Any(n => n != link && !(n is IText text && string.IsNullOrWhiteSpace(text.Data)))
                || link.GetAttribute("href") is not { } href
                || !SameAddress(link.TextContent.Trim(), href)
                || Recognise(href) is not { } video)
            {
                continue;
            }

            paragraph.Replace(Player(document, video));
            changed = true;
        }

        return changed ? body.InnerHtml : sanitizedHtml;
    }

    private static IElement Player(IDocument document, Video video)
    {
        var figure = document.CreateElement("figure");
        figure.ClassName = "video-embed";
        var play = document.CreateElement("a");
        play.ClassName = "video-play";
        play.SetAttribute("href", video.WatchUrl);
        play.SetAttribute("data-embed", video.EmbedUrl);
        play.SetAttribute("data-provider", video.Provider);
        play.SetAttribute("data-player-title", SiteText.Format("{0} video player", video.Provider));
        var button = document.CreateElement("span");
        button.ClassName = "video-play-button";
        button.SetAttribute("aria-hidden", "true");
        var label = document.CreateElement("span");
        label.ClassName = "video-play-label";
        label.TextContent = SiteText.Format("Play the video on {0}", video.Provider);
        play.Append(button, label);
        var caption = document.CreateElement("figcaption");
        caption.TextContent = SiteText.Format("The player loads from {0} only when you press play.", video.Provider);
        figure.Append(play, caption);
        return figure;
    }

    /// <summary>The link is the address itself (an autolink), not words linking to a video.</summary>
    private static bool SameAddress(string text, string href) =>
        string.Equals(text, href, StringComparison.Ordinal) || string.Equals(text + "/", href, StringComparison.Ordinal);

    private static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && parts[0] == name)
            {
                return Uri.UnescapeDataString(parts[1]);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{11}\z")]
    private static partial Regex YouTubeId();

    [GeneratedRegex(@"\A[0-9]{1,12}\z")]
    private static partial Regex VimeoId();
}
