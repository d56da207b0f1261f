using Broker.Bench.Dispatch;
using Broker.Bench.Infrastructure;
using Broker.Bench.Report;

namespace Broker.Bench.Scheduling;

/// <summary>
/// Sections 3 and 4 (and their memory figures) from the same broker runs: N deliveries due evenly over a short window,
/// seeded into LiteDB before the broker starts. The start measures start-up with N pending (to serving GET /health,
/// and to the recovery log line that says every pending delivery is scheduled); the run measures lateness, the delay
/// from each delivery's due time to the sandbox receiving its post (no platform latency here).
/// </summary>
internal static class ScheduledBench
{
    private const int TargetDeliveries = 100_000;
    private static readonly TimeSpan LatenessTarget = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartTarget = TimeSpan.FromSeconds(10);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, RunMemo memo, TextWriter log, CancellationToken cancellationToken)
    {
        var figures = new List<Figure>();
        var startup = settings.Runs("startup") || settings.Runs("memory");
        var lateness = settings.Runs("lateness");
        var empty = await EmptyStartAsync(cancellationToken);
        memo.EmptyStart = empty;
        log.WriteLine($"  empty database: serving after {Format.Seconds(empty.Serving)}, recovered after {Format.Seconds(empty.Scheduled)}");
        foreach (var run in settings.Scale.ScheduledRuns)
        {
            var result = await ScheduledRunner.RunAsync(run, settings.Scale.WaitCap, waitForAll: lateness, log, cancellationToken);
            var n = Format.Count(run.Deliveries);
            var judged = run.Deliveries == TargetDeliveries;
            if (startup)
            {
                figures.Add(StartFigure($"{n} pending: process start → serving /health", result.Start.Serving, empty.Serving, judged, settings.Quick));
                figures.Add(StartFigure($"{n} pending: process start → all scheduled", result.Start.Scheduled, empty.Scheduled, judged, settings.Quick));
                figures.Add(Figure.Judged("memory", $"peak working set, start-up with {n} pending", Format.Megabytes(result.StartPeakWorkingSet), "", "< 500 MB", result.StartPeakWorkingSet < 500L * 1024 * 1024, settings.Quick));
            }

            if (lateness && result.Lateness is { } late)
            {
                var bare = await BareQuartz.SpreadAsync(run.Deliveries, ShippedSettings.MaxConcurrency, run.Spread, cancellationToken);
                var measured = $"p50 {Format.Millis(late.P50)}, p99 {Format.Millis(late.P99)}, max {Format.Millis(late.Max)}";
                if (result.Unpublished > 0)
                {
                    measured += $" ({Format.Count(result.Unpublished)} unpublished, counted at the deadline)";
                }

                if (result.DueBeforeReady > 0)
                {
                    measured += $" ({Format.Count(result.DueBeforeReady)} due before start-up ended, left out)";
                }

                var reference = $"bare Quartz no-op: p50 {Format.Millis(bare.Lateness.P50)}, p99 {Format.Millis(bare.Lateness.P99)}, max {Format.Millis(bare.Lateness.Max)}";
                var name = $"{n} due over {Format.Seconds(run.Spread)} ({Format.Rate(run.Deliveries / run.Spread.TotalSeconds)}): due → platform call";
                figures.Add(judged
                    ? Figure.Judged("lateness", name, measured, reference, "p99 < 1 s", result.Unpublished == 0 && late.P99 < LatenessTarget, settings.Quick)
                    : Figure.Info("lateness", name, measured, reference));
                figures.Add(Figure.Info("lateness", "  broker CPU per delivery, deliveries/s sustained", $"{Format.Millis(result.CpuPerDelivery)}, {Format.Rate(result.Throughput)}", $"bare Quartz: {Format.Micros(bare.CpuPerJob)} per job"));
                figures.Add(Figure.Judged("memory", $"peak working set, {n} scheduled and published", Format.Megabytes(result.PeakWorkingSet), "", "< 500 MB", result.PeakWorkingSet < 500L * 1024 * 1024, settings.Quick));
            }

            if (run == settings.Scale.ScheduledRuns[^1])
            {
                figures.AddRange(SizeFigures(result));
            }
        }

        return figures;
    }

    private static Figure StartFigure(string name, TimeSpan measured, TimeSpan empty, bool judged, bool quick) => judged
        ? Figure.Judged("startup", name, Format.Seconds(measured), $"empty database: {Format.Seconds(empty)}", "< 10 s", measured < StartTarget, quick)
        : Figure.Info("startup", name, Format.Seconds(measured), $"empty database: {Format.Seconds(empty)}");

    private static IEnumerable<Figure> SizeFigures(ScheduledResult result)
    {
        var scale = 100_000.0 / result.Seed.Deliveries;
        var seeded = $"from {Format.Count(result.Seed.Deliveries)} seeded";
        yield return Figure.Info("memory", "LiteDB file per 100,000 items (~1,000-character body)", Format.Megabytes((long)(result.Seed.ItemBytes * scale)), seeded);
        yield return Figure.Info("memory", "LiteDB file per 100,000 deliveries (pending)", Format.Megabytes((long)(result.Seed.DeliveryBytes * scale)), seeded);
        if (result.FinalFileBytes is { } final)
        {
            yield return Figure.Info("memory", $"LiteDB file per 100,000 items + deliveries after the run ({Format.Count(result.Published)} published, with audit)", Format.Megabytes((long)(final * scale)), $"seeded: {Format.Megabytes((long)(result.Seed.FileBytes * scale))}");
        }
    }

    private static async Task<StartTimes> EmptyStartAsync(CancellationToken cancellationToken)
    {
        await using var scenario = await BrokerScenario.PrepareAsync("empty", 0, DuePlan.AfterStartUp(0, TimeSpan.Zero), 0, cancellationToken);
        var times = await scenario.StartAsync(cancellationToken);
        await scenario.Broker.StopAsync(cancellationToken);
        return times;
    }
}
