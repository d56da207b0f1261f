using Broker.Bench.Infrastructure;
using Broker.Bench.Report;

namespace Broker.Bench.Startup;

/// <summary>
/// Section 4, second half: a burst of deliveries due at once (100 ms platform latency), the broker killed with SIGKILL
/// when half are posted, then started again. Measured from the restart: serving, everything scheduled again (with the
/// in-flight ones marked for reconciliation), and every delivery published; and the posts the sandbox holds afterwards:
/// exactly one per delivery.
/// </summary>
internal static class KillRecoveryBench
{
    private const string Section = "startup";

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, RunMemo memo, TextWriter log, CancellationToken cancellationToken)
    {
        var n = settings.Scale.KillBurst;
        await using var scenario = await BrokerScenario.PrepareAsync("kill", n, DuePlan.AfterStartUp(n, TimeSpan.Zero), settings.Scale.PlatformLatencyMs, cancellationToken);
        await scenario.StartAsync(cancellationToken);
        var halfway = await Clock.PollAsync(() => Task.FromResult(scenario.Sandbox.FeedPosts >= n / 2), TimeSpan.FromMilliseconds(5), settings.Scale.WaitCap * 2, cancellationToken);
        if (!halfway)
        {
            throw new TimeoutException($"The burst never reached {n / 2:N0} posts.");
        }

        await scenario.Broker.KillAsync();
        var atKill = scenario.Sandbox.FeedPosts;
        log.WriteLine($"  SIGKILL at {atKill:N0} of {n:N0} posts");

        var restart = await scenario.StartAsync(cancellationToken);
        var complete = await scenario.WaitUntilAllPublishedAsync(n, settings.Scale.WaitCap * 2, cancellationToken);
        var allPublished = Clock.Since(scenario.Broker.StartedAt);
        var peak = scenario.Broker.PeakWorkingSetBytes();
        var perIndex = scenario.Sandbox.State.Posts("facebook")
            .GroupBy(p => SampleNews.IndexOf(p.Text))
            .Where(g => g.Key >= 0)
            .ToDictionary(g => g.Key, g => g.Count());
        var census = await scenario.StopAndCountAsync(cancellationToken);
        var duplicates = perIndex.Values.Sum(c => c - 1);
        var lost = n - perIndex.Count;
        log.WriteLine($"  restart: serving {Format.Seconds(restart.Serving)}, scheduled {Format.Seconds(restart.Scheduled)}, all published {Format.Seconds(allPublished)}; {census.Summary}; duplicates {duplicates}, lost {lost}");

        var empty = memo.EmptyStart is { } e ? $"empty database: {Format.Seconds(e.Serving)}" : "";
        var emptyScheduled = memo.EmptyStart is { } s ? $"empty database: {Format.Seconds(s.Scheduled)}" : "";
        var burst = memo.Burst is { } b ? $"uninterrupted burst of {Format.Count(b.Deliveries)}: {Format.Rate(b.PerSecond)}" : "";
        var label = $"SIGKILL at {Format.Count(atKill)} of {Format.Count(n)} posted";
        return
        [
            Figure.Info(Section, label + ": restart → serving /health", Format.Seconds(restart.Serving), empty),
            Figure.Info(Section, "  restart → all pending scheduled again", Format.Seconds(restart.Scheduled), emptyScheduled),
            Figure.Info(Section, "  restart → every delivery published", complete ? $"{Format.Seconds(allPublished)} ({Format.Rate((n - atKill) / allPublished.TotalSeconds)})" : $"not within {Format.Seconds(settings.Scale.WaitCap * 2)} ({census.Summary})", burst),
            new Figure(Section, "  posts per delivery after the kill", $"{duplicates} duplicated, {lost} lost", "", "0 duplicated, 0 lost", duplicates == 0 && lost == 0 ? Verdict.Pass : Verdict.Miss),
            Figure.Judged("memory", "peak working set, restart after SIGKILL", Format.Megabytes(peak), "", "< 500 MB", peak < 500L * 1024 * 1024, settings.Quick),
        ];
    }
}
