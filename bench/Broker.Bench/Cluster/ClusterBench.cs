using Broker.Bench.Infrastructure;
using Broker.Bench.Report;

namespace Broker.Bench.Cluster;

/// <summary>
/// Section "cluster" (issue 15): LiteDB with one node beside PostgreSQL with one, two and three broker nodes (separate
/// processes on one PostgreSQL the suite starts itself, durable as in production), in the same run and measured the same
/// way: a burst due at once at 100 ms platform latency (deliveries per second, CPU and bytes written per delivery, the
/// broker's and the server's apart) and deliveries spread over a window (lateness). Two or three nodes on one LiteDB file
/// cannot run: one process owns the file.
/// </summary>
internal static class ClusterBench
{
    private const string Section = "cluster";
    private static readonly TimeSpan LatenessTarget = TimeSpan.FromSeconds(1);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var scale = settings.Sized;
        using var server = PostgresServer.Start(log, settings.PgProfile);
        var bursts = new List<BurstMeasure>();
        var spreads = new List<LatenessMeasure>();
        var failures = new List<Figure>();
        var shapes = StoreShape.Measured.Where(s => s.Nodes <= settings.MaxNodes).ToList();
        foreach (var shape in scale.ClusterBurst > 0 ? shapes : [])
        {
            await Guard(shape, "burst", failures, log, async () =>
                bursts.Add(await ClusterRuns.BurstAsync(shape, server, scale.ClusterBurst, scale.PlatformLatencyMs, scale.WaitCap, log, cancellationToken)));
        }

        foreach (var shape in shapes)
        {
            await Guard(shape, "spread", failures, log, async () =>
                spreads.Add(await ClusterRuns.LatenessAsync(shape, server, scale.ClusterSpread, scale.ClusterCap, log, cancellationToken)));
        }

        log.WriteLine();
        log.Write(ClusterMatrix.Markdown(scale, bursts, spreads));
        return [.. BurstFigures(scale, bursts, settings.Quick), .. LatenessFigures(scale.ClusterSpread, spreads, settings.Quick), .. failures];
    }

    private static async Task Guard(StoreShape shape, string run, List<Figure> failures, TextWriter log, Func<Task> measure)
    {
        try
        {
            await measure();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.WriteLine($"  {shape.Name}, {run} failed: {ex}");
            failures.Add(Figure.Failed(Section, $"{shape.Name}, {run}", ex.GetType().Name + ": " + ex.Message.Split('\n')[0]));
        }
    }

    private static IEnumerable<Figure> BurstFigures(BenchScale scale, IReadOnlyList<BurstMeasure> bursts, bool quick)
    {
        if (bursts.Count == 0)
        {
            yield break;
        }

        var lite = bursts.FirstOrDefault(b => !b.Shape.PostgreSql);
        var pg = bursts.Where(b => b.Shape.PostgreSql).ToList();
        string Pg(Func<BurstMeasure, string> show) => pg.Count == 0 ? "PostgreSQL: failed" : $"PostgreSQL {string.Join(" / ", pg.Select(b => b.Shape.Nodes))} nodes: {string.Join(" / ", pg.Select(show))}";
        string Lite(Func<BurstMeasure, string> show) => lite is null ? "LiteDB: failed" : $"LiteDB 1 node: {show(lite)}; 2, 3 nodes {StoreShape.NotPossible}";
        var label = $"{Format.Count(scale.ClusterBurst)} due at once, {scale.PlatformLatencyMs} ms platform latency";
        yield return Figure.Info(Section, label + ": deliveries per second", Pg(b => b.Complete ? Format.Rate(b.PerSecond) : $"{Format.Rate(b.PerSecond)} ({Format.Count(b.Published)} published)"), Lite(b => Format.Rate(b.PerSecond)));
        var cpuMet = lite is not null && pg.Count > 0 && pg.All(b => b.BrokerCpuPerDelivery <= lite.BrokerCpuPerDelivery);
        yield return Figure.Judged(Section, "  broker CPU per delivery (every node's)", Pg(b => Format.Millis(b.BrokerCpuPerDelivery)), Lite(b => Format.Millis(b.BrokerCpuPerDelivery)), "PostgreSQL ≤ LiteDB", cpuMet, quick);
        yield return Figure.Info(Section, "  PostgreSQL server CPU per delivery", Pg(b => Format.Millis(b.ServerCpuPerDelivery)), "LiteDB: inside the broker's process");
        yield return Figure.Info(Section, "  bytes written per delivery (nodes + server, checkpoint at the end)", Pg(b => Format.Kilobytes(b.WrittenPerDelivery)), Lite(b => Format.Kilobytes(b.WrittenPerDelivery)));
        yield return Figure.Info(Section, "    of which WAL (pg_current_wal_lsn)", Pg(b => Format.Kilobytes(b.WalPerDelivery)), "");
    }

    private static IEnumerable<Figure> LatenessFigures(ScheduledRun run, IReadOnlyList<LatenessMeasure> spreads, bool quick)
    {
        var name = $"{Format.Count(run.Deliveries)} due over {Format.Seconds(run.Spread)} ({Format.Rate(run.Deliveries / run.Spread.TotalSeconds)})";
        foreach (var s in spreads)
        {
            var measured = $"p50 {Format.Millis(s.Lateness.P50)}, p99 {Format.Millis(s.Lateness.P99)}, max {Format.Millis(s.Lateness.Max)}";
            measured += s.Unpublished > 0 ? $" ({Format.Count(s.Unpublished)} unpublished, counted at the deadline)" : "";
            measured += s.DueBeforeReady > 0 ? $" ({Format.Count(s.DueBeforeReady)} due before start-up ended, left out)" : "";
            var reference = $"broker CPU {Format.Millis(s.BrokerCpuPerDelivery)}"
                + (s.Shape.PostgreSql ? $", server CPU {Format.Millis(s.ServerCpuPerDelivery)}" : "")
                + $" per delivery; {Format.Rate(s.Throughput)} sustained";
            var label = $"{name}: due → platform call, {s.Shape.Name}";
            yield return s.Shape is { PostgreSql: true, Nodes: 3 }
                ? Figure.Judged(Section, label, measured, reference, "p99 < 1 s", s.Unpublished == 0 && s.Lateness.P99 < LatenessTarget, quick)
                : Figure.Info(Section, label, measured, reference);
        }

        yield return Figure.Info(Section, $"{name}: LiteDB, 2 and 3 nodes", StoreShape.NotPossible);
    }
}
