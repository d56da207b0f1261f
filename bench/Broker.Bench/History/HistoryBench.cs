using Broker.Bench.Infrastructure;
using Broker.Bench.Report;

namespace Broker.Bench.History;

/// <summary>
/// Section "history" (issue 20, and issue 14's 100,000 ASN): a year of a city seeded through the broker's own stores
/// (<see cref="HistorySeeder"/>, cached by scale), and the same broker process measured on it and on an empty database:
/// start-up, p50 and p99 of each list endpoint and page at 20 users at once, the four reports over 365 days, and the peak
/// working set, each seeded figure beside the empty one with their ratio.
/// </summary>
internal static class HistoryBench
{
    private const string Section = "history";

    private static readonly TimeSpan StartTarget = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan ReportTarget = TimeSpan.FromSeconds(1);

    private const long MemoryTarget = 300L * 1024 * 1024;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var size = HistorySize.Of(settings.HistoryScale);
        var cache = await HistoryCache.EnsureAsync(size, settings.Reseed, log, cancellationToken);
        await using var sandbox = await PlatformSandbox.StartAsync(0, cancellationToken);

        log.WriteLine("  empty database (the OPDs, their Pages and the measured ASN only):");
        HistoryRun.Measures empty;
        using (var folder = new ScratchFolder("history-empty"))
        {
            await HistorySeeder.SeedAsync(folder, HistorySize.Empty, Clock.Now, TextWriter.Null, cancellationToken);
            HistoryCache.OnDisk(folder.Path);
            empty = await HistoryRun.RunAsync(folder, sandbox, log, cancellationToken);
        }

        log.WriteLine($"  seeded history ({size.Describe()}):");
        HistoryRun.Measures seeded;
        using (var folder = cache.Copy())
        {
            seeded = await HistoryRun.RunAsync(folder, sandbox, log, cancellationToken);
        }

        return Figures(size, cache, empty, seeded, quick: size.Scale < 1);
    }

    private static string Starts(HistoryRun.Measures measures) => string.Join(", ", measures.Starts.Select(Format.Seconds));

    private static List<Figure> Figures(HistorySize size, HistoryCache cache, HistoryRun.Measures empty, HistoryRun.Measures seeded, bool quick)
    {
        var scale = size.Scale >= 1 ? "full size" : $"scale {size.Scale:0.####}";
        var figures = new List<Figure>
        {
            Figure.Info(Section, $"seeded ({scale}): {Format.Count(size.Rows)} rows through the stores", $"{Format.Seconds(cache.SeededIn)}, {Format.Rate(size.Rows / Math.Max(cache.SeededIn.TotalSeconds, 0.001), " rows/s")}", cache.Reused ? $"reused from bench/.cache, seeded {cache.SeededAt:yyyy-MM-dd HH:mm} UTC" : "seeded in this run"),
            Figure.Info(Section, "  database file (data and log)", Format.Megabytes(seeded.DatabaseBytes), $"empty: {Format.Megabytes(empty.DatabaseBytes)}"),
            Figure.Judged(Section, $"process start → serving /health (median of {HistoryRun.Starts} starts)", $"{Format.Seconds(seeded.Serving)} ({Starts(seeded)})", $"empty: {Format.Seconds(empty.Serving)} ({Starts(empty)}); {Format.Ratio(Ratio(seeded.Serving, empty.Serving))}", "< 3 s, ≤ 1.20× empty",
                seeded.Serving < StartTarget && Ratio(seeded.Serving, empty.Serving) <= 1.2, quick),
        };
        if (seeded.Recovered is { } recovered && empty.Recovered is { } emptyRecovered)
        {
            figures.Add(Figure.Info(Section, "  process start → pending deliveries recovered", Format.Seconds(recovered), $"empty: {Format.Seconds(emptyRecovered)}; {Format.Ratio(Ratio(recovered, emptyRecovered))}"));
        }

        foreach (var endpoint in HistoryRun.Endpoints)
        {
            var (s, e) = (seeded.Lists[endpoint.Name], empty.Lists[endpoint.Name]);
            var (sc, ec) = (seeded.ColdLists[endpoint.Name], empty.ColdLists[endpoint.Name]);
            figures.Add((s.Failure ?? e.Failure ?? sc.Failure ?? ec.Failure) is { } failure
                ? Figure.Failed(Section, $"at {HistoryRun.Users} users: {endpoint.Name}", failure)
                : Figure.Judged(Section, $"at {HistoryRun.Users} users: {endpoint.Name}",
                    $"p99 {Format.Millis(s.Latency.P99)}, p50 {Format.Millis(s.Latency.P50)}; 1 user: p50 {Format.Millis(seeded.AloneLists[endpoint.Name].P50)}; cold: p99 {Format.Millis(sc.Latency.P99)}",
                    $"empty: p99 {Format.Millis(e.Latency.P99)}, p50 {Format.Millis(e.Latency.P50)}, 1 user: p50 {Format.Millis(empty.AloneLists[endpoint.Name].P50)}, cold: p99 {Format.Millis(ec.Latency.P99)}; p99 {Format.Ratio(Ratio(s.Latency.P99, e.Latency.P99))}",
                    $"p99 < {Format.Millis(endpoint.Target)}", s.Latency.P99 < endpoint.Target, quick));
        }

        foreach (var name in HistoryRun.ReportNames)
        {
            var (s, e) = (seeded.Reports[name], empty.Reports[name]);
            figures.Add(Figure.Judged(Section, $"report {name} over 365 days (twice)", $"{Format.Millis(s.First)}, then {Format.Millis(s.Second)}",
                $"empty: {Format.Millis(e.First)}, then {Format.Millis(e.Second)}; {Format.Ratio(Ratio(s.Second, e.Second))}", "< 1 s each",
                s.First < ReportTarget && s.Second < ReportTarget, quick));
        }

        figures.Add(Figure.Judged(Section, "peak working set: start-up and the lists", Format.Megabytes(seeded.PeakAfterLists),
            $"empty: {Format.Megabytes(empty.PeakAfterLists)}; {Format.Ratio((double)seeded.PeakAfterLists / empty.PeakAfterLists)}", "< 300 MB", seeded.PeakAfterLists < MemoryTarget, quick));
        figures.Add(Figure.Judged(Section, "peak working set: the whole run, reports included", Format.Megabytes(seeded.PeakAfterReports),
            $"empty: {Format.Megabytes(empty.PeakAfterReports)}; {Format.Ratio((double)seeded.PeakAfterReports / empty.PeakAfterReports)}", "< 300 MB", seeded.PeakAfterReports < MemoryTarget, quick));
        return figures;
    }

    private static double Ratio(TimeSpan seeded, TimeSpan empty) => seeded / (empty > TimeSpan.Zero ? empty : TimeSpan.FromTicks(1));
}
