using Broker.Bench.Infrastructure;
using Broker.Bench.Report;

namespace Broker.Bench.Scheduling;

/// <summary>Seeds one <see cref="ScheduledRun"/>, starts the broker on it, and (when asked) waits for every post.</summary>
internal static class ScheduledRunner
{
    public static async Task<ScheduledResult> RunAsync(ScheduledRun run, TimeSpan cap, bool waitForAll, TextWriter log, CancellationToken cancellationToken)
    {
        var n = run.Deliveries;

        // The due times are planned after the items are seeded, to fall after the deliveries' seeding and the start-up;
        // any that still come due before start-up ended are left out of the lateness figures, and counted.
        var seeding = Clock.Timestamp;
        await using var scenario = await BrokerScenario.PrepareAsync("scheduled", n, DuePlan.AfterStartUp(n, run.Spread), 0, cancellationToken);
        var plan = scenario.Seed.Due;
        var first = plan.First;
        log.WriteLine($"  seeded {n:N0} deliveries in {Format.Seconds(Clock.Since(seeding))} ({Format.Megabytes(scenario.Seed.FileBytes)})");
        var start = await scenario.StartAsync(cancellationToken);
        var ready = Clock.Now;
        var startPeak = scenario.Broker.PeakWorkingSetBytes();
        var startCpu = scenario.Broker.CpuTime();
        log.WriteLine($"  {n:N0} pending: serving after {Format.Seconds(start.Serving)}, all scheduled after {Format.Seconds(start.Scheduled)}, {Format.Seconds(startCpu)} of CPU, peak {Format.Megabytes(startPeak)}");
        if (!waitForAll)
        {
            await scenario.Broker.StopAsync(cancellationToken);
            return new ScheduledResult(scenario.Seed, start, startPeak, null, 0, 0, TimeSpan.Zero, 0, startPeak, null, 0);
        }

        await Clock.WaitUntilAsync(first - TimeSpan.FromMilliseconds(20), cancellationToken);
        var cpu = scenario.Broker.CpuTime();
        var complete = await scenario.WaitUntilAllPublishedAsync(n, run.Spread + cap, cancellationToken);
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
            var due = plan.At(i);
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
            scenario.Seed, start, startPeak, percentiles, unpublished, early, used / Math.Max(posts.Count, 1), throughput, peak, census.FileBytes, census.Count(Broker.Dispatch.DeliveryStatus.Published));
    }
}
