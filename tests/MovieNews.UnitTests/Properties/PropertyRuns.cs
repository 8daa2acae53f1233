namespace MovieNews.UnitTests.Properties;

/// <summary>
/// How many generated inputs a property sees. The counts keep the whole property suite to seconds on two cores;
/// MOVIENEWS_PROPERTY_SCALE=N multiplies them for a longer hunt, and CsCheck_Seed=SEED replays a reported failure.
/// </summary>
internal static class PropertyRuns
{
    private static readonly long _scale =
        long.TryParse(Environment.GetEnvironmentVariable("MOVIENEWS_PROPERTY_SCALE"), out var scale) && scale > 0 ? scale : 1;

    public static long Iterations(long baseline) => baseline * _scale;
}
