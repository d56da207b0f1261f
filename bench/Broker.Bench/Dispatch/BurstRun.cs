namespace Broker.Bench.Dispatch;

/// <summary>One burst through the broker.</summary>
internal sealed record BurstRun(
    int Deliveries,
    int Published,
    bool Complete,
    TimeSpan AllPublished,
    int PeakConcurrency,
    TimeSpan CpuPerDelivery,
    long DiskBytesPerDelivery,
    long PeakWorkingSet);
