using Broker.Bench.Infrastructure;
using Broker.Bench.Report;
using Broker.Channels;
using Broker.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Bench.Rendering;

/// <summary>
/// Section 1: renders per second of each platform template through the broker's approval path
/// (<see cref="PostRenderer.PreviewAsync"/>: model, sandboxed <see cref="TemplateRenderer"/>, the adapter's MeasureText
/// and Check) against a bare Scriban render of the same template and values. Also, to show where the time goes: the
/// sandboxed render alone, and the limit check alone. Each takes turns with the others in rounds; the median round counts.
/// </summary>
internal static class RenderingBench
{
    private const string Section = "rendering";
    private const double Target = 1.5;
    private static readonly string[] Platforms = ["facebook", "instagram", "x"];

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        await using var provider = RenderingServices.Build();
        var catalog = provider.GetRequiredService<TemplateCatalog>();
        catalog.Load();
        var renderer = provider.GetRequiredService<PostRenderer>();
        var templates = provider.GetRequiredService<TemplateRenderer>();
        var adapters = provider.GetRequiredService<AdapterRegistry>();
        var cases = new List<(string Platform, ChannelPreview Preview, Func<Task<object>>[] Candidates)>();
        foreach (var platform in Platforms)
        {
            var item = RenderingServices.ItemFor(platform);
            var preview = (await renderer.PreviewAsync(item, cancellationToken)).Single();
            if (preview.Problems.Count > 0 || preview.Text is null || preview.Post is null)
            {
                throw new InvalidOperationException($"The sample item does not pass {platform}'s checks: {string.Join("; ", preview.Problems)}");
            }

            var bare = BareScriban.For(adapters.Find(platform)!.DefaultTemplate!, $"{platform} default template", item, platform, preview.AccountName, SampleNews.OpdName);
            if (bare.Render().Replace("\r\n", "\n", StringComparison.Ordinal).Trim() != preview.Text)
            {
                throw new InvalidOperationException($"The bare render of {platform}.sbn differs from the broker's: they would not be doing the same work.");
            }

            var template = catalog.Find(platform)!;
            var adapter = adapters.Find(platform)!;
            var post = preview.Post;
            cases.Add((platform, preview,
            [
                async () => await renderer.PreviewAsync(item, cancellationToken),
                () => Task.FromResult<object>(bare.Render()),
                () => Task.FromResult<object>(templates.Render(template, bare.Model())),
                () => Task.FromResult<object>(adapter.MeasureText(post.Text) + adapter.Check(post).Count),
            ]));
        }

        // Two unmeasured passes over everything first, so tiered compilation has finished before any round counts.
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var candidate in cases.SelectMany(c => c.Candidates))
            {
                await RoundAsync(candidate, settings.Scale.RenderingRound);
            }
        }

        var figures = new List<Figure>();
        foreach (var (platform, preview, candidates) in cases)
        {
            var rates = await TakeTurnsAsync(settings.Scale, candidates);
            var (full, plain, sandboxed, checks) = (rates[0], rates[1], rates[2], rates[3]);
            log.WriteLine($"  {platform}: broker {full:N0}/s, bare {plain:N0}/s, sandboxed render {sandboxed:N0}/s, checks {checks:N0}/s");
            figures.Add(Figure.Judged(
                Section,
                $"{platform}.sbn render + limit check ({preview.Length:N0} chars)",
                $"{Format.Rate(full, " renders/s")}, {Format.Ratio(plain / full)} bare time",
                $"bare Scriban {Format.Rate(plain, " renders/s")}",
                $"< {Format.Ratio(Target)} bare time",
                plain / full < Target,
                settings.Quick));
            figures.Add(Figure.Info(Section, "  of which the sandboxed render", $"{Format.Micros(TimeSpan.FromSeconds(1 / sandboxed))} per render, {Format.Ratio(plain / sandboxed)} bare time", "TemplateRenderer: limits, time budget"));
            figures.Add(Figure.Info(Section, "  of which the limit check", $"{Format.Micros(TimeSpan.FromSeconds(1 / checks))} per post", $"{platform} adapter: MeasureText + Check"));
        }

        return figures;
    }

    /// <summary>Runs each candidate for one round in turn, several times over; the median rate of each.</summary>
    private static async Task<double[]> TakeTurnsAsync(BenchScale scale, Func<Task<object>>[] candidates)
    {
        var rounds = candidates.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < scale.RenderingRounds; round++)
        {
            for (var c = 0; c < candidates.Length; c++)
            {
                rounds[c].Add(await RoundAsync(candidates[c], scale.RenderingRound));
            }
        }

        return [.. rounds.Select(Median)];
    }

    private static async Task<double> RoundAsync(Func<Task<object>> candidate, TimeSpan length)
    {
        var start = Clock.Timestamp;
        long done = 0;
        TimeSpan elapsed;
        do
        {
            for (var i = 0; i < 64; i++)
            {
                GC.KeepAlive(await candidate());
            }

            done += 64;
            elapsed = Clock.Since(start);
        }
        while (elapsed < length);

        return done / elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
