using System.Text;
using Broker.Bench.Report;

namespace Broker.Bench.Cluster;

/// <summary>The cluster section's figures side by side, one column per shape, as the Markdown table BENCHMARKS.md shows.</summary>
internal static class ClusterMatrix
{
    private static readonly IReadOnlyList<StoreShape> Columns = [new(false, 1), new(false, 2), new(false, 3), new(true, 1), new(true, 2), new(true, 3)];

    public static string Markdown(BenchScale scale, IReadOnlyList<BurstMeasure> bursts, IReadOnlyList<LatenessMeasure> spreads)
    {
        var burst = $"{Format.Count(scale.ClusterBurst)} at once, {scale.PlatformLatencyMs} ms latency";
        var spread = $"{Format.Count(scale.ClusterSpread.Deliveries)} over {Format.Seconds(scale.ClusterSpread.Spread)}";
        var text = new StringBuilder();
        text.AppendLine("| | " + string.Join(" | ", Columns.Select(c => c.Name)) + " |");
        text.AppendLine("|---|" + string.Concat(Columns.Select(_ => "---|")));
        Row(text, $"{burst}: deliveries per second", bursts, b => Format.Rate(b.PerSecond) + (b.Complete ? "" : $" ({Format.Count(b.Published)} published)"));
        Row(text, $"{burst}: broker CPU per delivery (all nodes)", bursts, b => Format.Millis(b.BrokerCpuPerDelivery));
        Row(text, $"{burst}: PostgreSQL CPU per delivery", bursts, b => b.Shape.PostgreSql ? Format.Millis(b.ServerCpuPerDelivery) : "–");
        Row(text, $"{burst}: bytes written per delivery", bursts, b => Format.Kilobytes(b.WrittenPerDelivery));
        Row(text, $"{burst}: of which WAL", bursts, b => b.Shape.PostgreSql ? Format.Kilobytes(b.WalPerDelivery) : "–");
        Row(text, $"{spread}: lateness p50", spreads, s => Format.Millis(s.Lateness.P50));
        Row(text, $"{spread}: lateness p99", spreads, s => Format.Millis(s.Lateness.P99) + (s.Unpublished > 0 ? $" ({Format.Count(s.Unpublished)} unpublished)" : ""));
        Row(text, $"{spread}: lateness max", spreads, s => Format.Millis(s.Lateness.Max));
        Row(text, $"{spread}: sustained deliveries per second", spreads, s => Format.Rate(s.Throughput));
        Row(text, $"{spread}: broker CPU per delivery (all nodes)", spreads, s => Format.Millis(s.BrokerCpuPerDelivery));
        Row(text, $"{spread}: PostgreSQL CPU per delivery", spreads, s => s.Shape.PostgreSql ? Format.Millis(s.ServerCpuPerDelivery) : "–");
        Row(text, $"{spread}: start of every node → all ready", spreads, s => Format.Seconds(s.AllNodesReady) + (s.DueBeforeReady > 0 ? $" ({Format.Count(s.DueBeforeReady)} due before, left out)" : ""));
        return text.ToString();
    }

    private static void Row<T>(StringBuilder text, string name, IReadOnlyList<T> measures, Func<T, string> show)
        where T : class
    {
        var cells = Columns.Select(column =>
        {
            if (!column.PostgreSql && column.Nodes > 1)
            {
                return StoreShape.NotPossible;
            }

            var measure = measures.FirstOrDefault(m => ShapeOf(m) == column);
            return measure is null ? "not measured" : show(measure);
        });
        text.AppendLine($"| {name} | {string.Join(" | ", cells)} |");
    }

    private static StoreShape ShapeOf<T>(T measure) => measure switch
    {
        BurstMeasure b => b.Shape,
        LatenessMeasure l => l.Shape,
        _ => throw new ArgumentException("Not a cluster measure.", nameof(measure)),
    };
}
