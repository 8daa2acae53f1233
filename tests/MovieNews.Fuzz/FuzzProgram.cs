using System.Diagnostics;
using SharpFuzz;

namespace MovieNews.Fuzz;

/// <summary>
/// <c>MovieNews.Fuzz TARGET</c> runs under afl-fuzz; <c>MovieNews.Fuzz TARGET --replay DIR</c> runs every file of a
/// folder through the target without AFL and says which ones fail.
/// </summary>
public static class FuzzProgram
{
    /// <summary>A render this slow is worth a look: a page would wait that long for one comment or article.</summary>
    private static readonly TimeSpan _slowInput = TimeSpan.FromMilliseconds(100);

    public static int Main(string[] args)
    {
        if (args.Length is not (1 or 3) || !FuzzTargets.Names.Contains(args[0]) || (args.Length == 3 && args[1] != "--replay"))
        {
            Console.Error.WriteLine($"Usage: MovieNews.Fuzz TARGET [--replay DIR]   (TARGET: {string.Join(", ", FuzzTargets.Names)})");
            return 2;
        }

        if (args.Length == 3)
        {
            return Replay(args[0], args[2]);
        }

        // No instrumented code (MovieNews.Web, Markdig, HtmlSanitizer, AngleSharp) may run before Run() has mapped
        // AFL's coverage map, or the first write to it faults: the target is created inside the callback.
        IFuzzTarget? target = null;
        Fuzzer.OutOfProcess.Run(stream =>
        {
            target ??= FuzzTargets.Create(args[0]);
            target.Run(FuzzInput.ReadAll(stream));
        });
        return 0;
    }

    private static int Replay(string name, string folder)
    {
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"No folder {folder}");
            return 2;
        }

        var target = FuzzTargets.Create(name);
        var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
        var failed = 0;
        var slowest = (File: "", Time: TimeSpan.Zero);
        foreach (var file in files)
        {
            var started = Stopwatch.GetTimestamp();
            var failure = FuzzTargets.TryRun(target, File.ReadAllBytes(file));
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (failure is not null)
            {
                failed++;
                Console.WriteLine($"FAIL {file}: {failure}");
            }
            else if (elapsed > _slowInput)
            {
                Console.WriteLine($"SLOW {file}: {elapsed.TotalMilliseconds:F0} ms");
            }

            if (elapsed > slowest.Time)
            {
                slowest = (file, elapsed);
            }
        }

        // The slowest file is where to look for a hang that afl-fuzz reported.
        Console.WriteLine($"{name}: {files.Count} files replayed, {failed} failed; slowest {slowest.Time.TotalMilliseconds:F0} ms ({slowest.File})");
        return failed == 0 ? 0 : 1;
    }
}
