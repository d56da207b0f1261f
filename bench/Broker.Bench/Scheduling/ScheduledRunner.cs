using Broker.Bench.Infrastructure;
using Broker.Bench.Report;

namespace Broker.Bench.Scheduling;

/// <summary>Seeds one <see cref="ScheduledRun"/>, starts the broker on it, and (when asked) waits for every post.</summary>
internal static class ScheduledRunner
{
    public static async Task<ScheduledResult> RunAsync(ScheduledRun run, bool quick, bool waitForAll, TextWriter log, CancellationToken cancellationToken)
    {
        var n = run.Deliveries;

        // The first delivery is due after seeding (about 1.5 s per 10,000 here) and start-up (the target is 10 s at
        // 100,000); deliveries due before start-up ended are left out of the lateness figures, and counted.
        var first = Clock.Now + (quick ? TimeSpan.FromSeconds(4) : TimeSpan.FromSeconds(10 + (n * 0.00035)));
        DateTimeOffset DueOf(int i) => first + (run.Spread * i / n);

        var seeding = Clock.Timestamp;
        await using var scenario = await BrokerScenario.PrepareAsync("scheduled", n, DueOf, 0, cancellationToken);
        log.WriteLine($"  seeded {n:N0} deliveries in {Format.Seconds(Clock.Since(seeding))} ({Format.Megabytes(scenario.Seed.FileBytes)})");
        var start = await scenario.StartAsync(cancellationToken);
        var ready = Clock.Now;
        var startPeak = scenario.Broker.PeakWorkingSetBytes();
        log.WriteLine($"  {n:N0} pending: serving after {Format.Seconds(start.Serving)}, all scheduled after {Format.Seconds(start.Scheduled)}, peak {Format.Megabytes(startPeak)}");
        if (!waitForAll)
        {
            await scenario.Broker.StopAsync(cancellationToken);
            return new ScheduledResult(scenario.Seed, start, startPeak, null, 0, 0, TimeSpan.Zero, 0, startPeak, null);
        }

        await Clock.WaitUntilAsync(first - TimeSpan.FromMilliseconds(20), cancellationToken);
        var cpu = scenario.Broker.CpuTime();
        var complete = await scenario.WaitUntilAllPublishedAsync(n, run.Spread + TimeSpan.FromMinutes(quick ? 1 : 4), cancellationToken);
        var used = scenario.Broker.CpuTime() - cpu;
        var peak = scenario.Broker.PeakWorkingSetBytes();
        var deadline = Clock.Now;
        var posts = scenario.Sandbox.State.Posts("facebook")
            .Select(p => (Index: SampleNews.IndexOf(p.Text), p.CreatedAt))
            .Where(p => p.Index >= 0)
            .GroupBy(p => p.Index)
            .ToDictionary(g => g.Key, g => g.Min(p => p.CreatedAt));
        var census = await scenario.StopAndCountAsync(cancellationToken);

        var lateness = new List<TimeSpan>(n);
        var early = 0;
        var unpublished = 0;
        for (var i = 0; i < n; i++)
        {
            var due = DueOf(i);
            if (due < ready)
            {
                early++;
                continue;
            }

            if (posts.TryGetValue(i, out var postedAt))
            {
                lateness.Add(postedAt - due);
            }
            else
            {
                unpublished++;
                lateness.Add(deadline - due);
            }
        }

        var percentiles = Percentiles.Of(lateness);
        var lastPost = posts.Count > 0 ? posts.Values.Max() : first;
        var throughput = posts.Count / Math.Max((lastPost - first).TotalSeconds, 1e-3);
        log.WriteLine($"  {n:N0} over {Format.Seconds(run.Spread)}: {(complete ? "all published" : "NOT all published")} ({census.Summary}); lateness p50 {Format.Millis(percentiles.P50)}, p99 {Format.Millis(percentiles.P99)}, max {Format.Millis(percentiles.Max)}; peak {Format.Megabytes(peak)}");
        return new ScheduledResult(
            scenario.Seed, start, startPeak, percentiles, unpublished, early, used / Math.Max(posts.Count, 1), throughput, peak, census.FileBytes);
    }
}
