using MovieNews.Fuzz.Targets;

namespace MovieNews.Fuzz;

/// <summary>One input in, nothing out: a target throws only when it finds a crash or a broken invariant.</summary>
public interface IFuzzTarget
{
    void Run(byte[] input);
}

public static class FuzzTargets
{
    /// <summary>Plain strings, so the usage check touches no instrumented code.</summary>
    public static IReadOnlyList<string> Names { get; } = ["comment", "article", "comment-render", "wxr"];

    public static IFuzzTarget Create(string name) => name switch
    {
        "comment" => new CommentTarget(),
        "article" => new ArticleTarget(),
        "comment-render" => new CommentRenderTarget(),
        "wxr" => new WxrTarget(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown fuzz target."),
    };

    /// <summary>Runs one input outside AFL; the failure as text, or null when the input ran clean.</summary>
    public static string? TryRun(IFuzzTarget target, byte[] input)
    {
        try
        {
            target.Run(input);
            return null;
        }
        catch (Exception e)
        {
            return e.ToString();
        }
    }
}
