namespace Broker.Bench.Redirects;

/// <summary>
/// Latencies in log-linear buckets (1 µs steps below 1 ms, 10 µs below 10 ms, 100 µs below 100 ms, 1 ms up to 10 s):
/// constant memory and about 1 % precision, whatever the number of requests. One per connection, merged at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int Decade = 1_000;
    private readonly long[] counts = new long[(4 * Decade) + 1];

    public long Count { get; private set; }

    public void Record(TimeSpan latency)
    {
        counts[BucketOf((long)latency.TotalMicroseconds)]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += other.counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The latency under which a share <paramref name="p"/> of the requests fell (upper edge of its bucket).</summary>
    public TimeSpan Percentile(double p)
    {
        if (Count == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (long)Math.Ceiling(p * Count);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds(UpperEdge(i));
            }
        }

        return TimeSpan.FromMicroseconds(UpperEdge(counts.Length - 1));
    }

    private static int BucketOf(long micros)
    {
        var bucket = micros switch
        {
            < 1_000 => micros,
            < 10_000 => Decade + ((micros - 1_000) / 9),
            < 100_000 => (2 * Decade) + ((micros - 10_000) / 90),
            < 10_000_000 => (3 * Decade) + ((micros - 100_000) / 9_900),
            _ => 4 * Decade,
        };
        return (int)Math.Max(0, bucket);
    }

    private static long UpperEdge(int bucket) => bucket switch
    {
        < Decade => bucket + 1,
        < 2 * Decade => 1_000 + ((bucket - Decade + 1) * 9),
        < 3 * Decade => 10_000 + ((bucket - (2 * Decade) + 1) * 90),
        < 4 * Decade => 100_000 + ((bucket - (3 * Decade) + 1) * 9_900),
        _ => 10_000_000,
    };
}
