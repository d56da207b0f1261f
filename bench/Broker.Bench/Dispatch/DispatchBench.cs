using Broker.Bench.Infrastructure;
using Broker.Bench.Report;

namespace Broker.Bench.Dispatch;

/// <summary>
/// Section 2: N deliveries due at the same moment, to N/10 Facebook Pages in the sandbox, each platform call answered
/// after 100 ms. The deliveries are seeded into LiteDB before the broker starts ("pending at start", due a few seconds
/// after it is up). Measured: time from the due moment until the last is published (the deliveries' own PublishedAt),
/// deliveries per second, peak concurrency at the sandbox, the broker process's CPU per delivery; against the same number
/// of no-op jobs fired by a bare Quartz scheduler.
/// </summary>
internal static class DispatchBench
{
    private const string Section = "dispatch";
    private const int TargetDeliveries = 10_000;
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, RunMemo memo, TextWriter log, CancellationToken cancellationToken)
    {
        var figures = new List<Figure>();
        foreach (var n in settings.Scale.DispatchCounts)
        {
            var bare = await BareQuartz.BurstAsync(n, ShippedSettings.MaxConcurrency, cancellationToken);
            log.WriteLine($"  bare Quartz: {n:N0} no-op jobs in {Format.Millis(bare.AllFiredAfter)}");
            var run = await BurstAsync(n, settings.Scale.PlatformLatencyMs, settings.Scale.WaitCap, log, cancellationToken);
            memo.Burst = (n, run.Published / Math.Max(run.AllPublished.TotalSeconds, 1e-3));
            var label = $"{Format.Count(n)} due at once, {settings.Scale.PlatformLatencyMs} ms platform latency";
            var judged = n == TargetDeliveries;
            var allIn = run.Complete ? Format.Seconds(run.AllPublished) : Unfinished(run, settings.Scale.WaitCap);
            figures.Add(judged
                ? Figure.Judged(Section, label + ": all published in", allIn, $"bare Quartz no-op: {Format.Millis(bare.AllFiredAfter)}", "< 60 s", run.Complete && run.AllPublished < Target, settings.Quick)
                : Figure.Info(Section, label + ": all published in", allIn, $"bare Quartz no-op: {Format.Millis(bare.AllFiredAfter)}"));
            figures.Add(Figure.Info(Section, "  deliveries per second", Format.Rate(run.Published / run.AllPublished.TotalSeconds), $"bare Quartz: {Format.Rate(bare.JobsPerSecond, " jobs/s")}"));
            figures.Add(Figure.Info(Section, "  peak concurrency (platform calls in flight)", Format.Count(run.PeakConcurrency), $"Delivery:MaxConcurrency = {ShippedSettings.MaxConcurrency}"));
            figures.Add(Figure.Info(Section, "  broker CPU per delivery", Format.Millis(run.CpuPerDelivery), $"bare Quartz: {Format.Micros(bare.CpuPerJob)} per job"));
            figures.Add(Figure.Info(Section, "  broker disk writes per delivery", Format.Kilobytes(run.DiskBytesPerDelivery), "mostly 8 KB LiteDB pages, log then data file"));
            figures.Add(Figure.Judged("memory", $"peak working set, dispatch of {Format.Count(n)}", Format.Megabytes(run.PeakWorkingSet), "", "< 500 MB", run.PeakWorkingSet < 500L * 1024 * 1024, settings.Quick));
        }

        return figures;
    }

    /// <summary>A burst stopped at the cap: how far it got, and how long all of it would take at that rate.</summary>
    public static string Unfinished(BurstRun run, TimeSpan cap)
    {
        var rate = run.Published / Math.Max(run.AllPublished.TotalSeconds, 1e-3);
        return $"not within {Format.Seconds(cap)}: {Format.Count(run.Published)} of {Format.Count(run.Deliveries)} ({Format.Rate(rate)}; all ≈ {Format.Seconds(TimeSpan.FromSeconds(run.Deliveries / Math.Max(rate, 1e-3)))})";
    }

    public static async Task<BurstRun> BurstAsync(int n, int latencyMs, TimeSpan cap, TextWriter log, CancellationToken cancellationToken)
    {
        await using var scenario = await BrokerScenario.PrepareAsync("dispatch", n, DuePlan.AfterStartUp(n, TimeSpan.Zero), latencyMs, cancellationToken);
        var due = scenario.Seed.Due.First;
        var start = await scenario.StartAsync(cancellationToken);
        if (Clock.Now > due)
        {
            log.WriteLine($"  warning: the broker was ready only after the burst was due (recovery took {Format.Seconds(start.Scheduled)})");
        }

        await Clock.WaitUntilAsync(due - TimeSpan.FromMilliseconds(20), cancellationToken);
        var cpu = scenario.Broker.CpuTime();
        var written = scenario.Broker.DiskBytesWritten();
        scenario.Sandbox.ResetPeak();
        var complete = await scenario.WaitUntilAllPublishedAsync(n, cap, cancellationToken);
        var used = scenario.Broker.CpuTime() - cpu;
        written = scenario.Broker.DiskBytesWritten() - written;
        var peakMemory = scenario.Broker.PeakWorkingSetBytes();
        var census = await scenario.StopAndCountAsync(cancellationToken);
        var published = census.Count(Broker.Dispatch.DeliveryStatus.Published);
        var last = census.LastPublishedAt ?? due;
        log.WriteLine($"  broker: {n:N0} deliveries → {census.Summary}; last published {Format.Seconds(last - due)} after due; peak {scenario.Sandbox.PeakConcurrency} in flight");
        return new BurstRun(n, published, complete && published == n, last - due, scenario.Sandbox.PeakConcurrency, used / Math.Max(published, 1), written / Math.Max(published, 1), peakMemory);
    }
}
