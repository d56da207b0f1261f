using System.Text.Json;
using Broker.Bench.Infrastructure;
using Broker.Cluster;
using Broker.Storage.PostgreSql;
using Microsoft.AspNetCore.DataProtection;

namespace Broker.Bench.Cluster;

/// <summary>
/// One run of one <see cref="StoreShape"/>: the sandbox in this process, the store seeded with pending deliveries (a
/// LiteDB file, or a fresh database on the suite's PostgreSQL), and N broker processes pointed at both. Each node has a
/// scratch folder of its own (its LiteDB path and journal go unused on PostgreSQL).
/// </summary>
internal sealed class ClusterScenario : IAsyncDisposable
{
    private readonly List<ScratchFolder> folders;
    private readonly PostgresServer? server;

    private ClusterScenario(StoreShape shape, List<ScratchFolder> folders, PlatformSandbox sandbox, SeedResult seed, PostgresServer? server, string? connectionString)
    {
        Shape = shape;
        this.folders = folders;
        this.server = server;
        Sandbox = sandbox;
        Seed = seed;
        ConnectionString = connectionString;
        Nodes = [.. folders.Select((folder, i) => new BrokerProcess(folder, sandbox.GraphBaseUrl, NodeSettings(i)))];
    }

    public StoreShape Shape { get; }

    public PlatformSandbox Sandbox { get; }

    public SeedResult Seed { get; }

    public IReadOnlyList<BrokerProcess> Nodes { get; }

    private string? ConnectionString { get; }

    public static async Task<ClusterScenario> PrepareAsync(
        StoreShape shape, PostgresServer? server, int deliveries, Func<TimeSpan, DuePlan> planDue, int latencyMilliseconds, CancellationToken cancellationToken)
    {
        var folders = Enumerable.Range(0, shape.Nodes).Select(i => new ScratchFolder($"cluster{i + 1}")).ToList();
        try
        {
            string? connectionString = null;
            SeedResult seed;
            if (shape.PostgreSql)
            {
                var pg = server ?? throw new InvalidOperationException("A PostgreSQL shape needs the suite's server.");
                connectionString = await pg.CreateDatabaseAsync("bench", cancellationToken);
                seed = await PgSeeder.SeedAsync(connectionString, DatabaseKeyRing, deliveries, planDue, cancellationToken);
            }
            else
            {
                seed = await Seeder.SeedAsync(folders[0], deliveries, planDue, cancellationToken);
            }

            var sandbox = await PlatformSandbox.StartAsync(latencyMilliseconds, cancellationToken);
            return new ClusterScenario(shape, folders, sandbox, seed, shape.PostgreSql ? server : null, connectionString);
        }
        catch
        {
            folders.ForEach(f => f.Dispose());
            throw;
        }
    }

    /// <summary>
    /// Starts the nodes one after another, each waited for until it serves and has recovered (so the first does the
    /// start-up work and the others join a running cluster); returns the first node's start.
    /// </summary>
    public async Task<StartTimes> StartAsync(CancellationToken cancellationToken)
    {
        StartTimes? first = null;
        foreach (var node in Nodes)
        {
            node.Start();
            var serving = await node.WaitUntilServingAsync(TimeSpan.FromMinutes(5), cancellationToken);
            var scheduled = await node.WaitForLogAsync("Recovered", TimeSpan.FromMinutes(5), cancellationToken);
            first ??= new StartTimes(serving, scheduled);
        }

        return first!;
    }

    /// <summary>CPU time and bytes written so far by every broker node.</summary>
    public ProcessUsage BrokerUsage() =>
        Nodes.Aggregate(default(ProcessUsage), (sum, node) => sum + new ProcessUsage(node.CpuTime(), node.DiskBytesWritten()));

    /// <summary>The database server's CPU and bytes written so far, and its WAL position (zero on LiteDB).</summary>
    public async Task<(ProcessUsage Usage, long Wal)> ServerUsageAsync(bool checkpoint, CancellationToken cancellationToken)
    {
        if (server is null)
        {
            return default;
        }

        var wal = await server.WalPositionAsync(cancellationToken);
        if (checkpoint)
        {
            await server.CheckpointAsync(cancellationToken);
        }

        return (server.Usage(), wal);
    }

    /// <summary>On PostgreSQL, writes every dirty page now (a <c>CHECKPOINT</c>), so a measurement that starts next counts only its own.</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.CheckpointAsync(cancellationToken);
        }
    }

    /// <summary>Waits until the sandbox has <paramref name="posts"/> feed posts and no delivery is left to publish; false at the deadline.</summary>
    public async Task<bool> WaitUntilAllPublishedAsync(int posts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = Clock.Timestamp;
        var posted = await Clock.PollAsync(() => Task.FromResult(Sandbox.FeedPosts >= posts), TimeSpan.FromMilliseconds(20), timeout, cancellationToken);
        return posted && await Clock.PollAsync(() => NothingPendingAsync(cancellationToken), TimeSpan.FromMilliseconds(50), timeout - Clock.Since(start), cancellationToken);
    }

    /// <summary>Stops every node with SIGTERM (at once) and reads what the store says.</summary>
    public async Task<Census> StopAndCountAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Nodes.Select(n => n.StopAsync(cancellationToken)));
        return ConnectionString is { } connectionString
            ? await PgCensus.ReadAsync(connectionString, cancellationToken)
            : Census.Read(folders[0]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
        folders.ForEach(f => f.Dispose());
    }

    /// <summary>The key ring every node reads on PostgreSQL: the database's (<c>data_protection_keys</c>).</summary>
    private static void DatabaseKeyRing(IDataProtectionBuilder keys, PgDatabase database) =>
        keys.AddKeyManagementOptions(o => o.XmlRepository = new PgXmlRepository(database));

    private Dictionary<string, string> NodeSettings(int index) => ConnectionString is null
        ? []
        : new()
        {
            ["Storage__Provider"] = "PostgreSql",
            ["ConnectionStrings__Broker"] = ConnectionString,
            ["Cluster__NodeId"] = $"bench-{index + 1}",
        };

    private async Task<bool> NothingPendingAsync(CancellationToken cancellationToken)
    {
        var answer = await Nodes[0].Client.GetStringAsync(new Uri("/api/deliveries?status=scheduled,retrying,publishing", UriKind.Relative), cancellationToken);
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.GetArrayLength() == 0;
    }
}
