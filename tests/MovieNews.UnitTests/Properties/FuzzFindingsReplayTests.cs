using MovieNews.Fuzz;

namespace MovieNews.UnitTests.Properties;

/// <summary>
/// Every input committed under tests/MovieNews.Fuzz (the seed corpora and every crash the fuzzer found) runs through
/// its fuzz target, oracles included, so a fixed finding stays fixed.
/// </summary>
public sealed class FuzzFindingsReplayTests
{
    private static readonly string _root = Path.Combine(AppContext.BaseDirectory, "fuzz");

    public static TheoryData<string> Targets() => new(FuzzTargets.Names);

    public static TheoryData<string, string> Crashes()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.Names)
        {
            foreach (var file in Files("crashes", target))
            {
                data.Add(target, Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_of_the_target_runs_clean(string target)
    {
        var seeds = Files("corpus", target);
        Assert.NotEmpty(seeds);
        var fuzzTarget = FuzzTargets.Create(target);

        var failures = seeds.Select(file => (file, failure: FuzzTargets.TryRun(fuzzTarget, File.ReadAllBytes(file))))
            .Where(r => r.failure is not null)
            .Select(r => $"{Path.GetFileName(r.file)}: {r.failure}");

        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(Crashes))]
    public void A_committed_crash_stays_fixed(string target, string file) =>
        Assert.Null(FuzzTargets.TryRun(FuzzTargets.Create(target), File.ReadAllBytes(Path.Combine(_root, "crashes", target, file))));

    private static string[] Files(string kind, string target)
    {
        var folder = Path.Combine(_root, kind, target);
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Order(StringComparer.Ordinal)] : [];
    }
}
