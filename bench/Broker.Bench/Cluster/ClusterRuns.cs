using System.Globalization;
using Broker.Bench.Infrastructure;
using Broker.Bench.Report;
using Broker.Dispatch;

namespace Broker.Bench.Cluster;

/// <summary>The two runs every shape gets, measured the same way whatever the store: a burst due at once, and a spread.</summary>
internal static class ClusterRuns
{
    /// <summary>
    /// <paramref name="n"/> due at once with platform latency: from the due moment to the last <c>PublishedAt</c>, the
    /// nodes' and the server's CPU and bytes written over that window (a checkpoint forced at its end, so the data pages
    /// the burst dirtied count), and the WAL it wrote.
    /// </summary>
    public static async Task<BurstMeasure> BurstAsync(
        StoreShape shape, PostgresServer? server, int n, int latencyMs, TimeSpan cap, TextWriter log, CancellationToken cancellationToken)
    {
        await using var scenario = await ClusterScenario.PrepareAsync(shape, server, n, Plan(shape, n, TimeSpan.Zero), latencyMs, cancellationToken);
        var due = scenario.Seed.Due.First;
        await scenario.StartAsync(cancellationToken);
        await scenario.CheckpointAsync(cancellationToken);
        if (Clock.Now > due)
        {
            log.WriteLine($"  warning: {shape.Name}: the nodes were ready only after the burst was due");
        }

        await Clock.WaitUntilAsync(due - TimeSpan.FromMilliseconds(20), cancellationToken);
        var broker = scenario.BrokerUsage();
        var (db, wal) = await scenario.ServerUsageAsync(checkpoint: false, cancellationToken);
        var writes = await WritesAsync(shape, server, cancellationToken);
        await using var profile = await ProfileAsync(shape, server, cancellationToken);
        var complete = await scenario.WaitUntilAllPublishedAsync(n, cap, cancellationToken);
        broker = scenario.BrokerUsage() - broker;
        await LogWritesAsync(shape, server, writes, n, log, cancellationToken);
        await (profile?.WriteAsync(log, cancellationToken) ?? Task.CompletedTask);
        var (dbAfter, walAfter) = await scenario.ServerUsageAsync(checkpoint: true, cancellationToken);
        var census = await scenario.StopAndCountAsync(cancellationToken);
        var published = census.Count(DeliveryStatus.Published);
        var last = census.LastPublishedAt ?? due;
        var serverUsage = dbAfter - db;
        log.WriteLine($"  {shape.Name}: {n:N0} at once → {census.Summary}; last published {Format.Seconds(last - due)} after due; "
            + $"written: nodes {Format.Megabytes(broker.WrittenBytes)}, server {Format.Megabytes(serverUsage.WrittenBytes)} (WAL {Format.Megabytes(walAfter - wal)})");
        return new BurstMeasure(
            shape, n, published, complete && published == n, last - due, broker.Cpu, serverUsage.Cpu, broker.WrittenBytes + serverUsage.WrittenBytes, walAfter - wal);
    }

    /// <summary>
    /// <paramref name="run"/>'s deliveries due evenly over its window, no platform latency: each delivery's lateness is
    /// the sandbox's time of its post minus its due time; those due before every node was ready are left out and counted,
    /// those not published by the deadline count as late as the deadline.
    /// </summary>
    public static async Task<LatenessMeasure> LatenessAsync(
        StoreShape shape, PostgresServer? server, ScheduledRun run, TimeSpan cap, TextWriter log, CancellationToken cancellationToken)
    {
        var n = run.Deliveries;
        var seeding = Clock.Timestamp;
        await using var scenario = await ClusterScenario.PrepareAsync(shape, server, n, Plan(shape, n, run.Spread), 0, cancellationToken);
        var plan = scenario.Seed.Due;
        log.WriteLine($"  {shape.Name}: seeded {n:N0} in {Format.Seconds(Clock.Since(seeding))}; first due in {Format.Seconds(plan.First - Clock.Now)}");
        var started = Clock.Timestamp;
        await scenario.StartAsync(cancellationToken);
        var ready = Clock.Now;
        var allReady = Clock.Since(started);
        await Clock.WaitUntilAsync(plan.First - TimeSpan.FromMilliseconds(20), cancellationToken);
        var broker = scenario.BrokerUsage();
        var (db, _) = await scenario.ServerUsageAsync(checkpoint: false, cancellationToken);
        var writes = await WritesAsync(shape, server, cancellationToken);
        await using var profile = await ProfileAsync(shape, server, cancellationToken);
        var complete = await scenario.WaitUntilAllPublishedAsync(n, run.Spread + cap, cancellationToken);
        broker = scenario.BrokerUsage() - broker;
        await LogWritesAsync(shape, server, writes, n, log, cancellationToken);
        await (profile?.WriteAsync(log, cancellationToken) ?? Task.CompletedTask);
        var (dbAfter, _) = await scenario.ServerUsageAsync(checkpoint: false, cancellationToken);
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
            }
            else if (posts.TryGetValue(i, out var postedAt))
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
        var lastPost = posts.Count > 0 ? posts.Values.Max() : plan.First;
        var throughput = posts.Count / Math.Max((lastPost - plan.First).TotalSeconds, 1e-3);
        var count = Math.Max(posts.Count, 1);
        log.WriteLine($"  {shape.Name}: {n:N0} over {Format.Seconds(run.Spread)}: {(complete ? "all published" : "NOT all published")} ({census.Summary}); "
            + $"lateness p50 {Format.Millis(percentiles.P50)}, p99 {Format.Millis(percentiles.P99)}, max {Format.Millis(percentiles.Max)}; {early:N0} due before ready");
        return new LatenessMeasure(shape, percentiles, unpublished, early, broker.Cpu / count, (dbAfter - db).Cpu / count, throughput, allReady);
    }

    private static async Task<(long Writes, long Flushes)> WritesAsync(StoreShape shape, PostgresServer? server, CancellationToken cancellationToken) =>
        shape.PostgreSql && server is not null ? await server.WritesAsync(cancellationToken) : default;

    /// <summary>On PostgreSQL, the writing transactions (each a commit that waits for a WAL flush) and the flushes, per delivery.</summary>
    private static async Task LogWritesAsync(
        StoreShape shape, PostgresServer? server, (long Writes, long Flushes) before, int n, TextWriter log, CancellationToken cancellationToken)
    {
        if (!shape.PostgreSql || server is null)
        {
            return;
        }

        var after = await server.WritesAsync(cancellationToken);
        var writes = after.Writes - before.Writes;
        var flushes = after.Flushes - before.Flushes;
        log.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {shape.Name}: {writes:N0} writing transactions ({(double)writes / n:N2} per delivery), {flushes:N0} WAL flushes ({(double)flushes / n:N2} per delivery)"));
    }

    private static async Task<PgProfile?> ProfileAsync(StoreShape shape, PostgresServer? server, CancellationToken cancellationToken) =>
        shape.PostgreSql && server is { Profiling: true } ? await server.ProfileAsync(cancellationToken) : null;

    /// <summary>
    /// Due times after seeding and start-up, as <see cref="DuePlan.AfterStartUp"/> plans them, plus what a cluster adds:
    /// a margin for a loaded machine, each further node's start, and on PostgreSQL the first node's start-up recovery,
    /// which reads every pending delivery (a page of 500 per query) and stores one Quartz trigger per moment they are due
    /// (not one per delivery since the wake-ups were grouped; before that, 20,000 triggers took over 40 s).
    /// </summary>
    private static Func<TimeSpan, DuePlan> Plan(StoreShape shape, int count, TimeSpan spread)
    {
        var extra = TimeSpan.FromSeconds(5 + ((shape.Nodes - 1) * 5) + (shape.PostgreSql ? count / 2000.0 : 0));
        var plan = DuePlan.AfterStartUp(count, spread);
        return itemsTook =>
        {
            var planned = plan(itemsTook);
            return planned with { First = planned.First + extra };
        };
    }
}
