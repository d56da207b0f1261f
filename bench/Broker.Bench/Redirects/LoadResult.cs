namespace Broker.Bench.Redirects;

/// <summary>What a load run saw: answered requests by status, failures, and the latency of every answer.</summary>
internal sealed record LoadResult(long Requests, long Failures, TimeSpan Elapsed, LatencyHistogram Latency, IReadOnlyDictionary<int, long> Statuses)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public TimeSpan P50 => Latency.Percentile(0.50);

    public TimeSpan P99 => Latency.Percentile(0.99);

    public long Answered(int status) => Statuses.GetValueOrDefault(status);
}
