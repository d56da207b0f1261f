using Broker.Bench.Cluster;
using Broker.Bench.Dispatch;
using Broker.Bench.Redirects;
using Broker.Bench.Rendering;
using Broker.Bench.Report;
using Broker.Bench.Scheduling;
using Broker.Bench.Startup;

namespace Broker.Bench;

/// <summary>Runs the selected sections one after another (never two at once: they share two cores) and gathers the figures.</summary>
internal static class Suite
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var memo = new RunMemo();
        var figures = new List<Figure>();
        var memory = new List<Figure>();
        async Task RunSection(string name, Func<Task<IReadOnlyList<Figure>>> run)
        {
            log.WriteLine($"== {name}");
            var started = Infrastructure.Clock.Timestamp;
            try
            {
                foreach (var figure in await run())
                {
                    (figure.Section == "memory" ? memory : figures).Add(figure);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                log.WriteLine($"  failed: {ex}");
                figures.Add(Figure.Failed(name, "the section did not finish", ex.GetType().Name + ": " + ex.Message.Split('\n')[0]));
            }

            log.WriteLine($"   ({Format.Seconds(Infrastructure.Clock.Since(started))})");
        }

        if (settings.Runs("rendering"))
        {
            await RunSection("rendering", () => RenderingBench.RunAsync(settings, log, cancellationToken));
        }

        if (settings.Runs("dispatch"))
        {
            await RunSection("dispatch", () => DispatchBench.RunAsync(settings, memo, log, cancellationToken));
        }

        if (settings.Runs("lateness") || settings.Runs("startup") || settings.Runs("memory"))
        {
            await RunSection("lateness and start-up", () => ScheduledBench.RunAsync(settings, memo, log, cancellationToken));
        }

        if (settings.Runs("startup"))
        {
            await RunSection("recovery", () => KillRecoveryBench.RunAsync(settings, memo, log, cancellationToken));
        }

        if (settings.Runs("redirects"))
        {
            await RunSection("redirects", () => RedirectsBench.RunAsync(settings, log, cancellationToken));
        }

        if (settings.Runs("events"))
        {
            await RunSection("events", () => Events.EventsBench.RunAsync(settings, log, cancellationToken));
        }

        if (settings.Runs("engagement"))
        {
            await RunSection("engagement", () => Engagement.EngagementBench.RunAsync(settings, log, cancellationToken));
        }

        if (settings.Runs("cluster"))
        {
            await RunSection("cluster", () => ClusterBench.RunAsync(settings, log, cancellationToken));
        }

        if (settings.Runs("history"))
        {
            await RunSection("history", () => History.HistoryBench.RunAsync(settings, log, cancellationToken));
        }

        if (settings.Runs("directory"))
        {
            await RunSection("directory", () => AsnDirectory.DirectoryBench.RunAsync(settings, log, cancellationToken));
        }

        // Every run's memory figures are shown (with --only redirects too); "memory" adds the lateness and start-up runs for theirs.
        figures.AddRange(memory);

        return figures;
    }
}
