namespace Broker.Bench.Infrastructure;

/// <summary>p50, p99 and max of a set of durations (nearest-rank).</summary>
internal sealed record Percentiles(int Count, TimeSpan P50, TimeSpan P99, TimeSpan Max)
{
    public static Percentiles Of(IReadOnlyCollection<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            return new Percentiles(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        }

        var sorted = values.Order().ToArray();
        return new Percentiles(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1]);
    }

    private static TimeSpan Rank(TimeSpan[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
