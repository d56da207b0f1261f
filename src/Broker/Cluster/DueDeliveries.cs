using Broker.Dispatch;
using Broker.Scheduling;
using Broker.Storage.PostgreSql;
using Microsoft.Extensions.Options;

namespace Broker.Cluster;

/// <summary>
/// Several nodes: the node's one loop that dispatches due deliveries. A wake-up that fires on this node
/// (<see cref="DueDeliveriesJob"/>) only signals it. It takes due deliveries straight from the table, as many as it has
/// free dispatch slots (<c>FOR UPDATE SKIP LOCKED</c>, so two nodes never take the same rows), soonest due first, and
/// keeps taking while any are due. Taking writes a lease (<c>leased_until</c>, <c>leased_by</c>): a scheduling mark, not
/// a state change. It only keeps other nodes from starting the same deliveries; what lets a node call a platform is
/// still the dispatcher's compare-and-set to publishing, one commit per delivery before the call, and that update clears
/// the lease. A batch whose dispatch ended without that update (it lost the compare-and-set, it waits for a later time)
/// has its leases released. A lease of a node that died, or one older than <see cref="ClusterOptions.NodeTimeout"/>, is
/// released by <see cref="ReleaseStaleLeasesAsync"/> and woken again.
/// </summary>
internal sealed partial class DueDeliveries(
    PgDeliveryLeases leases,
    DeliveryDispatcher dispatcher,
    BrokerNode node,
    IOptions<DeliveryOptions> delivery,
    IOptions<ClusterOptions> cluster,
    TimeProvider time,
    ILogger<DueDeliveries> logger) : BackgroundService
{
    // Set when a wake-up fired; the loop looks for due deliveries once more.
    private readonly SemaphoreSlim signal = new(0, 1);

    /// <summary>Deliveries in flight at once on this node.</summary>
    private int Slots => delivery.Value.MaxConcurrency;

    /// <summary>While some are in flight, the fewest free slots worth a trip to the database (one commit for the lease).</summary>
    private int MinimumTake => Math.Max(1, Slots / 4);

    /// <summary>Asks the loop to take what is due now.</summary>
    public void Wake()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already woken
        }
    }

    /// <summary>
    /// Releases the leases of nodes no longer alive, and leases older than <see cref="ClusterOptions.NodeTimeout"/>, on
    /// deliveries still waiting, and returns them with their due times to be woken again.
    /// </summary>
    public async Task<IReadOnlyList<DueDelivery>> ReleaseStaleLeasesAsync(IReadOnlySet<string> liveNodes, CancellationToken cancellationToken)
    {
        var released = await leases.ReleaseStaleAsync(time.GetUtcNow(), liveNodes, cancellationToken);
        if (released.Count > 0)
        {
            Log.LeasesReleased(logger, released.Count);
        }

        return released;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        Task? woken = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                running.RemoveAll(t => t.IsCompleted);
                var free = Slots - running.Count;
                var taken = free >= MinimumTake || running.Count == 0 ? await TakeAsync(free, stoppingToken) : [];
                if (taken.Count > 0)
                {
                    running.AddRange(Start(taken));
                    continue;
                }

                // Nothing due (or too few slots free): wait for a dispatch to end or a wake-up to fire.
                woken ??= signal.WaitAsync(stoppingToken);
                await Task.WhenAny([.. running, woken]);
                if (woken.IsCompleted)
                {
                    await woken; // throws when stopping
                    woken = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: what was started finishes (as Quartz's jobs did); nothing new is taken.
        await Task.WhenAll(running);
    }

    private async Task<IReadOnlyList<string>> TakeAsync(int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            return await leases.TakeAsync(now, now + cluster.Value.NodeTimeout, node.Id!, count, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database is failing: the next wake-up, or the sweeps, look again.
            Log.TakeFailed(logger, ex);
            return [];
        }
    }

    private List<Task> Start(IReadOnlyList<string> taken)
    {
        // Each delivery's dispatch holds a slot; the batch's leases are released when all of them have ended.
        var dispatches = taken.Select(id => dispatcher.DispatchAsync(id, CancellationToken.None)).ToList();
        _ = ReleaseAfterAsync(taken, dispatches);
        return dispatches;
    }

    private async Task ReleaseAfterAsync(IReadOnlyList<string> taken, List<Task> dispatches)
    {
        try
        {
            await Task.WhenAll(dispatches);
        }
        finally
        {
            try
            {
                await leases.ReleaseAsync(taken, node.Id!, CancellationToken.None);
            }
#pragma warning disable CA1031 // A lease not released runs out after Cluster:NodeTimeout and is woken by the dead-node sweep.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ReleaseFailed(logger, ex, taken.Count);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3311, LogLevel.Warning, "{Count} due deliveries were taken by a node that stopped, or long ago; they are woken again")]
        public static partial void LeasesReleased(ILogger logger, int count);

        [LoggerMessage(3312, LogLevel.Error, "Taking due deliveries failed; the next wake-up tries again")]
        public static partial void TakeFailed(ILogger logger, Exception exception);

        [LoggerMessage(3313, LogLevel.Warning, "Releasing the leases of {Count} dispatched deliveries failed; they run out after Cluster:NodeTimeout")]
        public static partial void ReleaseFailed(ILogger logger, Exception exception, int count);
    }
}
