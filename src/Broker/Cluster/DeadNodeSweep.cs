using Broker.Dispatch;
using Broker.Scheduling;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Cluster;

/// <summary>
/// Takes over the claims of dead nodes: every <see cref="ClusterOptions.HeartbeatInterval"/>, a delivery left publishing
/// by a node not seen for <see cref="ClusterOptions.NodeTimeout"/> is made to retry with reconciliation (compare-and-set),
/// so the adapter looks for the post on the platform before anyone publishes again. Every node sweeps; the
/// compare-and-set lets one of them win each delivery. Due deliveries a dead node had taken but not yet claimed (its
/// leases, <see cref="DueDeliveries"/>) are released and woken again.
/// </summary>
internal sealed partial class DeadNodeSweep(
    IDeliveryStore deliveries,
    ClusterNodes nodes,
    BrokerNode node,
    PublishingSweep sweep,
    DueDeliveries due,
    IDeliveryScheduler scheduler,
    IOptions<ClusterOptions> options,
    TimeProvider time,
    ILogger<DeadNodeSweep> logger) : BackgroundService
{
    /// <summary>Reconciles every delivery claimed by a dead node; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var live = await nodes.LiveAsync(cancellationToken);
        await scheduler.ScheduleAsync(await due.ReleaseStaleLeasesAsync(live, cancellationToken), cancellationToken);
        var publishing = await deliveries.ListByStatusAsync([DeliveryStatus.Publishing], cancellationToken);
        var claimedElsewhere = publishing.Where(d => d.ClaimedBy is { } by && by != node.Id).ToList();
        var swept = 0;
        foreach (var delivery in claimedElsewhere.Where(d => !live.Contains(d.ClaimedBy!)))
        {
            var reason = $"Claimed by node {delivery.ClaimedBy}, not seen for {options.Value.NodeTimeout}; looking for the post before publishing again.";
            if (await sweep.ReconcileAsync(delivery, reason, cancellationToken))
            {
                Log.TakenOver(logger, delivery.Id, delivery.ClaimedBy!);
                swept++;
            }
        }

        return swept;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
#pragma warning disable CA1031 // The next tick tries again; the sweep must outlive one failed read or write.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    Log.SweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Delivery {DeliveryId} was claimed by node {NodeId}, which stopped beating; it retries with reconciliation")]
        public static partial void TakenOver(ILogger logger, string deliveryId, string nodeId);

        [LoggerMessage(2, LogLevel.Error, "The sweep for claims of dead nodes failed; it runs again at the next tick")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
