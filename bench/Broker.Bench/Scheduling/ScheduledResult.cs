using Broker.Bench.Infrastructure;

namespace Broker.Bench.Scheduling;

/// <summary>One scheduled run: its start-up, its lateness (when it was waited for), memory and file sizes.</summary>
internal sealed record ScheduledResult(
    SeedResult Seed,
    StartTimes Start,
    long StartPeakWorkingSet,
    Percentiles? Lateness,
    int Unpublished,
    int DueBeforeReady,
    TimeSpan CpuPerDelivery,
    double Throughput,
    long PeakWorkingSet,
    long? FinalFileBytes,
    int Published);
