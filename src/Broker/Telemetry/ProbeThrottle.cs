using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Broker.Telemetry;

/// <summary>
/// Runs a probe that writes (the database, the journal) at most once per interval: callers in between share the last
/// result, or the probe still running. Real time, not the TimeProvider: it paces the disk, it is no time of the domain.
/// </summary>
internal sealed class ProbeThrottle
{
    private readonly Lock gate = new();
    private Task<HealthCheckResult>? last;
    private long startedAt;

    public Task<HealthCheckResult> RunAsync(TimeSpan interval, Func<Task<HealthCheckResult>> probe)
    {
        lock (gate)
        {
            if (last is null || (last.IsCompleted && Stopwatch.GetElapsedTime(startedAt) >= interval))
            {
                startedAt = Stopwatch.GetTimestamp();
                last = probe();
            }

            return last;
        }
    }
}
