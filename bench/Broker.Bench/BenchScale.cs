namespace Broker.Bench;

/// <summary>The sizes of one run. The targets are stated for the full run's sizes.</summary>
internal sealed record BenchScale
{
    public static readonly BenchScale FullRun = new()
    {
        RenderingRounds = 6,
        RenderingRound = TimeSpan.FromMilliseconds(300),
        DispatchCounts = [1_000, 10_000],
        ScheduledRuns = [new(10_000, TimeSpan.FromSeconds(60)), new(100_000, TimeSpan.FromSeconds(120))],
        KillBurst = 2_000,
        WaitCap = TimeSpan.FromSeconds(120),
        RedirectDuration = TimeSpan.FromSeconds(10),
        RedirectConnections = 32,
        RedirectUrls = 10_000,
        ClusterBurst = 10_000,
        ClusterSpread = new(100_000, TimeSpan.FromSeconds(120)),
        ClusterCap = TimeSpan.FromSeconds(60),
    };

    public static readonly BenchScale QuickRun = new()
    {
        RenderingRounds = 2,
        RenderingRound = TimeSpan.FromMilliseconds(100),
        DispatchCounts = [200],
        ScheduledRuns = [new(500, TimeSpan.FromSeconds(3))],
        KillBurst = 200,
        WaitCap = TimeSpan.FromSeconds(60),
        RedirectDuration = TimeSpan.FromSeconds(1),
        RedirectConnections = 8,
        RedirectUrls = 500,
        ClusterBurst = 300,
        ClusterSpread = new(1_000, TimeSpan.FromSeconds(5)),
        ClusterCap = TimeSpan.FromSeconds(30),
    };

    /// <summary>Broker and bare Scriban take turns, this many rounds each, so a busy neighbour hurts both alike.</summary>
    public required int RenderingRounds { get; init; }

    public required TimeSpan RenderingRound { get; init; }

    /// <summary>Deliveries all due at the same moment, one run each.</summary>
    public required IReadOnlyList<int> DispatchCounts { get; init; }

    /// <summary>Deliveries spread evenly over a window, each run also measuring start-up with them pending.</summary>
    public required IReadOnlyList<ScheduledRun> ScheduledRuns { get; init; }

    /// <summary>The burst killed with SIGKILL half-way.</summary>
    public required int KillBurst { get; init; }

    /// <summary>
    /// The longest a burst is waited for (and how long past its window a scheduled run is): a broker far from its
    /// target is reported with how far it got and its rate, instead of keeping the machine busy for many minutes.
    /// </summary>
    public required TimeSpan WaitCap { get; init; }

    public required TimeSpan RedirectDuration { get; init; }

    public required int RedirectConnections { get; init; }

    public required int RedirectUrls { get; init; }

    /// <summary>The cluster section's burst, due at once, through each store and node count.</summary>
    public required int ClusterBurst { get; init; }

    /// <summary>The cluster section's deliveries spread over a window (lateness), through each store and node count.</summary>
    public required ScheduledRun ClusterSpread { get; init; }

    /// <summary>How long past its window the cluster section's spread is waited for (four shapes run one after another).</summary>
    public required TimeSpan ClusterCap { get; init; }

    /// <summary>The platform latency the sandbox adds to each call during dispatch bursts.</summary>
    public int PlatformLatencyMs { get; init; } = 100;

    /// <summary>Accounts to spread deliveries over: ten deliveries per account, at least ten accounts, at most 2,000.</summary>
    public static int AccountsFor(int deliveries) => Math.Clamp(deliveries / 10, 10, 2_000);
}
