using Broker.Bench.Report;

namespace Broker.Bench.Redirects;

/// <summary>
/// Section 5. PLACEHOLDER for the broker's own figure: the share-link redirect (<c>GET /s/{code}</c>, recording each
/// click) does not exist yet. What is here already: the load generator, and the two references it will be measured
/// against in the same run — Debian's nginx answering a static 302 (the practical ceiling) and a bare Kestrel 302.
/// When the share-link endpoint lands, add a run of <see cref="LoadGenerator"/> against the broker process over seeded
/// share links, then count the recorded clicks.
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

        var nginxText = ceiling is null ? $"nginx: not measured ({problem})" : $"nginx static 302: {Format.Rate(ceiling.RequestsPerSecond, " req/s")}";
        figures.Add(new Figure(Section, "broker GET /s/{code}, every click recorded", "PLACEHOLDER: share links not built yet", nginxText, "≥ 50% of nginx req/s, every click recorded", Verdict.Skipped));
        figures.Add(ceiling is null
            ? new Figure(Section, $"nginx static 302 ({scale.RedirectConnections} connections)", "not measured: " + problem, "", "", Verdict.Skipped)
            : Figure.Info(Section, $"nginx static 302 ({scale.RedirectConnections} connections, {Format.Count(paths.Count)} URLs)", Describe(ceiling), "the practical ceiling"));

        await using (var kestrel = await KestrelRedirect.StartAsync(cancellationToken))
        {
            var bare = await MeasureAsync(kestrel.Address, paths, scale, cancellationToken);
            figures.Add(Figure.Info(Section, "bare ASP.NET Core 302, no recording (in the generator's process)", Describe(bare), ceiling is null ? "" : $"{Format.Ratio(bare.RequestsPerSecond / ceiling.RequestsPerSecond)} nginx"));
        }

        figures.Add(new Figure("memory", "peak working set, redirects", "PLACEHOLDER: share links not built yet", "", "< 500 MB", Verdict.Skipped));
        return figures;
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
