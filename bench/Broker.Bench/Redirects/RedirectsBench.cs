using Broker.Bench.Infrastructure;
using Broker.Bench.Report;

namespace Broker.Bench.Redirects;

/// <summary>
/// Section 5: the broker's share-link redirect (<c>GET /s/{code}</c>, every click recorded) under load over many
/// distinct links, against Debian's nginx answering a static 302 (the practical ceiling) and a bare Kestrel 302, all in
/// the same run; then the clicks the broker stored against the clicks sent.
/// </summary>
internal static class RedirectsBench
{
    private const string Section = "redirects";

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var scale = settings.Scale;
        var paths = Enumerable.Range(0, scale.RedirectUrls).Select(i => "/s/" + Code(i)).ToList();
        var figures = new List<Figure>();

        var (nginx, problem) = await NginxServer.StartAsync(settings.InstallNginx, log, cancellationToken);
        LoadResult? ceiling = null;
        if (nginx is null)
        {
            log.WriteLine("  " + problem);
        }
        else
        {
            await using (nginx)
            {
                ceiling = await MeasureAsync(nginx.Address, paths, scale, cancellationToken);
            }
        }

        figures.Add(ceiling is null
            ? new Figure(Section, $"nginx static 302 ({scale.RedirectConnections} connections)", "not measured: " + problem, "", "", Verdict.Skipped)
            : Figure.Info(Section, $"nginx static 302 ({scale.RedirectConnections} connections, {Format.Count(paths.Count)} URLs)", Describe(ceiling), "the practical ceiling"));

        await using (var kestrel = await KestrelRedirect.StartAsync(cancellationToken))
        {
            var bare = await MeasureAsync(kestrel.Address, paths, scale, cancellationToken);
            figures.Add(Figure.Info(Section, "bare ASP.NET Core 302, no recording (in the generator's process)", Describe(bare), ceiling is null ? "" : $"{Format.Ratio(bare.RequestsPerSecond / ceiling.RequestsPerSecond)} nginx"));
        }

        figures.AddRange(await MeasureBrokerAsync(settings, ceiling, cancellationToken));
        return figures;
    }

    private static async Task<IReadOnlyList<Figure>> MeasureBrokerAsync(BenchSettings settings, LoadResult? ceiling, CancellationToken cancellationToken)
    {
        var scale = settings.Scale;
        await using var broker = await BrokerRedirects.StartAsync(scale.RedirectUrls, cancellationToken);
        var generator = new LoadGenerator(broker.Broker.BaseUrl, scale.RedirectConnections, broker.Paths);
        var warm = await generator.WarmUpAsync(scale.RedirectDuration / 5, cancellationToken);
        var cpuBefore = broker.Broker.CpuTime();
        var run = await generator.RunAsync(scale.RedirectDuration, cancellationToken);
        var cpu = broker.Broker.CpuTime() - cpuBefore;
        var stopped = Clock.Timestamp;
        var sent = warm.Answered(302) + run.Answered(302);
        var recorded = await broker.RecordedClicksAsync(sent, TimeSpan.FromSeconds(60), cancellationToken);
        var counted = Clock.Since(stopped);
        var report = await broker.TimeReportAsync(cancellationToken);
        var peak = broker.Broker.PeakWorkingSetBytes();
        await broker.Broker.StopAsync(cancellationToken);
        var perHundredThousand = recorded == 0 ? 0 : broker.DatabaseBytes * 100_000 / recorded;

        var reference = ceiling is null ? "nginx not measured" : $"nginx {Format.Rate(ceiling.RequestsPerSecond, " req/s")}: {Format.Ratio(run.RequestsPerSecond / ceiling.RequestsPerSecond)}";
        var notRedirected = run.Requests - run.Answered(302);
        return
        [
            Figure.Judged(Section, $"broker GET /s/{{code}}, clicks recorded ({scale.RedirectConnections} connections, {Format.Count(broker.Paths.Count)} links)",
                Describe(run) + (notRedirected > 0 || run.Failures > 0 ? $", {notRedirected} not 302, {run.Failures} failed" : ""), reference,
                "≥ 50% of nginx; ≥ 15,000 req/s, p99 < 10 ms",
                (ceiling is null || run.RequestsPerSecond >= ceiling.RequestsPerSecond / 2) && run.RequestsPerSecond >= 15_000 && run.P99 < TimeSpan.FromMilliseconds(10) && notRedirected == 0,
                settings.Quick),
            // The generator counts only answers it read; requests in flight when it stopped reach the broker unanswered-for,
            // so the broker may hold up to one click per connection more than were counted.
            // The clicks are written off the request path: a writer that fell behind would shift its cost past the measured
            // window. The broker's CPU while the load ran and the wait after it for every click to be counted show whether it kept up.
            Figure.Info(Section, "  broker CPU per redirect while the load ran (recording included)", Format.Micros(cpu / Math.Max(run.Requests, 1)), "from /proc, the broker process only"),
            Figure.Info(Section, "  every click counted, after the load stopped", Format.Seconds(counted), "the amplification report polled every 250 ms"),
            Figure.Info(Section, "  amplification report over the run's clicks", Format.Millis(report.Took), $"{Format.Count(report.Clicks)} clicks, one GET after counting ended"),
            Figure.Judged(Section, "clicks recorded / 302s received", $"{Format.Count(recorded)} / {Format.Count(sent)}", $"+{recorded - sent} in flight at the two stops (≤ {2 * scale.RedirectConnections})", "all",
                recorded >= sent && recorded - sent <= 2 * scale.RedirectConnections, quick: false),
            Figure.Judged("memory", "peak working set, redirects", Format.Megabytes(peak), "", "< 500 MB", peak < 500L * 1024 * 1024, settings.Quick),
            Figure.Info("memory", "LiteDB file per 100,000 clicks (with the links and items)", Format.Megabytes(perHundredThousand)),
        ];
    }

    private static async Task<LoadResult> MeasureAsync(Uri server, IReadOnlyList<string> paths, BenchScale scale, CancellationToken cancellationToken)
    {
        var generator = new LoadGenerator(server, scale.RedirectConnections, paths);
        await generator.WarmUpAsync(scale.RedirectDuration / 5, cancellationToken);
        var result = await generator.RunAsync(scale.RedirectDuration, cancellationToken);
        if (result.Answered(302) != result.Requests || result.Failures > 0)
        {
            throw new InvalidOperationException($"{server}: {result.Requests - result.Answered(302)} answers were not 302, {result.Failures} connections failed.");
        }

        return result;
    }

    private static string Describe(LoadResult result) =>
        $"{Format.Rate(result.RequestsPerSecond, " req/s")}, p50 {Format.Millis(result.P50)}, p99 {Format.Millis(result.P99)}";

    /// <summary>A distinct 7-character code per index (a bijective scramble of the index, in base 32), like share links.</summary>
    private static string Code(int i)
    {
        const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        var n = unchecked((uint)i * 2_654_435_761u);
        var code = new char[7];
        for (var c = 0; c < code.Length; c++)
        {
            code[c] = Alphabet[(int)(n % 32)];
            n /= 32;
        }

        return new string(code);
    }
}
