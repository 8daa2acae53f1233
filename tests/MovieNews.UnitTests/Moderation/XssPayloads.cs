namespace MovieNews.UnitTests.Moderation;

/// <summary>The shared hostile-input list in tests/data/xss-payloads.txt.</summary>
public static class XssPayloads
{
    public static IReadOnlyList<string> All { get; } = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "xss-payloads.txt"))
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => line.Replace("\\n", "\n", StringComparison.Ordinal))
        .ToList();

    public static TheoryData<int> Indexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < All.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }
}
