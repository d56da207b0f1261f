using System.Text.Json;

namespace Broker.Bench.Infrastructure;

/// <summary>
/// One broker run: a scratch LiteDB file seeded with pending deliveries, the sandbox in this process, and the broker
/// process pointed at both.
/// </summary>
internal sealed class BrokerScenario : IAsyncDisposable
{
    private BrokerScenario(ScratchFolder folder, PlatformSandbox sandbox, SeedResult seed, IReadOnlyDictionary<string, string>? settings)
    {
        Folder = folder;
        Sandbox = sandbox;
        Seed = seed;
        Broker = new BrokerProcess(folder, sandbox.GraphBaseUrl, settings);
    }

    public ScratchFolder Folder { get; }

    public PlatformSandbox Sandbox { get; }

    public BrokerProcess Broker { get; }

    public SeedResult Seed { get; }

    public static async Task<BrokerScenario> PrepareAsync(
        string name, int deliveries, Func<TimeSpan, DuePlan> planDue, int latencyMilliseconds, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = new ScratchFolder(name);
        try
        {
            var seed = deliveries > 0
                ? await Seeder.SeedAsync(folder, deliveries, planDue, cancellationToken)
                : new SeedResult(0, 0, 0, 0, 0, planDue(TimeSpan.Zero));
            var sandbox = await PlatformSandbox.StartAsync(latencyMilliseconds, cancellationToken);
            return new BrokerScenario(folder, sandbox, seed, settings);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Starts the broker; returns the times from process start to serving /health and to the recovery log line.</summary>
    public async Task<StartTimes> StartAsync(CancellationToken cancellationToken)
    {
        Broker.Start();
        var serving = await Broker.WaitUntilServingAsync(TimeSpan.FromMinutes(3), cancellationToken);
        var scheduled = await Broker.WaitForLogAsync("Recovered", TimeSpan.FromMinutes(3), cancellationToken);
        return new StartTimes(serving, scheduled);
    }

    /// <summary>
    /// Waits until the sandbox has <paramref name="posts"/> feed posts and the broker has no delivery left scheduled,
    /// retrying or publishing; false at the deadline.
    /// </summary>
    public async Task<bool> WaitUntilAllPublishedAsync(int posts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = Clock.Timestamp;
        var posted = await Clock.PollAsync(() => Task.FromResult(Sandbox.FeedPosts >= posts), TimeSpan.FromMilliseconds(20), timeout, cancellationToken);
        return posted && await Clock.PollAsync(() => NothingPendingAsync(cancellationToken), TimeSpan.FromMilliseconds(50), timeout - Clock.Since(start), cancellationToken);
    }

    /// <summary>Stops the broker with SIGTERM (it checkpoints LiteDB) and reads what its file says.</summary>
    public async Task<Census> StopAndCountAsync(CancellationToken cancellationToken)
    {
        await Broker.StopAsync(cancellationToken);
        return Census.Read(Folder);
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        await Sandbox.DisposeAsync();
        Folder.Dispose();
    }

    private async Task<bool> NothingPendingAsync(CancellationToken cancellationToken)
    {
        var answer = await Broker.Client.GetStringAsync(new Uri("/api/deliveries?status=scheduled,retrying,publishing", UriKind.Relative), cancellationToken);
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.GetArrayLength() == 0;
    }
}
