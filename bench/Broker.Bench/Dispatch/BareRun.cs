using Broker.Bench.Infrastructure;

namespace Broker.Bench.Dispatch;

/// <summary>How the bare scheduler did: time from the first due moment to the last job, its CPU, and each job's lateness.</summary>
internal sealed record BareRun(int Jobs, TimeSpan AllFiredAfter, TimeSpan Cpu, Percentiles Lateness, bool ScheduledLate)
{
    public double JobsPerSecond => Jobs / Math.Max(AllFiredAfter.TotalSeconds, 1e-6);

    public TimeSpan CpuPerJob => Cpu / Jobs;
}
