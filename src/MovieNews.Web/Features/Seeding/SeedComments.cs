using System.Text.Json;
using System.Text.Json.Serialization;

namespace MovieNews.Web.Features.Seeding;

public sealed record SeedComment(
    string Key,
    string Author,
    DateTime PostedUtc,
    string Body,
    string? ReplyTo = null,
    string? Email = null,
    string? Website = null);

public sealed record SeedCommentFile(string Article, IReadOnlyList<SeedComment> Comments);

/// <summary>Reads <c>seeds/comments/*.json</c>: one article's comments, replies naming an earlier comment's key.</summary>
public static class SeedCommentParser
{
    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static SeedCommentFile Parse(string fileName, string json)
    {
        SeedCommentFile? file;
        try
        {
            file = JsonSerializer.Deserialize<SeedCommentFile>(json, _json);
        }
        catch (JsonException e)
        {
            throw new SeedFormatException(fileName, $"not valid JSON (line {e.LineNumber + 1}: {e.Message})");
        }

        if (file is null || string.IsNullOrWhiteSpace(file.Article) || file.Comments is null)
        {
            throw new SeedFormatException(fileName, "it needs an \"article\" slug and a \"comments\" list");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var comment in file.Comments)
        {
            if (string.IsNullOrWhiteSpace(comment.Key) || string.IsNullOrWhiteSpace(comment.Author) || string.IsNullOrWhiteSpace(comment.Body))
            {
                throw new SeedFormatException(fileName, $"comment '{comment.Key}' needs a key, an author and a body");
            }

            if (comment.ReplyTo is not null && !seen.Contains(comment.ReplyTo))
            {
                throw new SeedFormatException(fileName, $"comment '{comment.Key}' replies to '{comment.ReplyTo}', which does not come before it");
            }

            if (!seen.Add(comment.Key))
            {
                throw new SeedFormatException(fileName, $"the key '{comment.Key}' is used twice");
            }
        }

        return file with { Comments = [.. file.Comments.OrderBy(c => c.PostedUtc)] };
    }
}
