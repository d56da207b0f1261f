using Broker.Audit;
using Broker.Cluster;
using Broker.Hosting;
using Broker.Scheduling;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Dispatch;

/// <summary>
/// Never stuck in publishing: every so often, a delivery that has been publishing for longer than
/// <see cref="DeliveryOptions.PublishingTimeout"/> and is not being handled in this process (its outcome was lost, or a
/// bug left it) is made to retry with reconciliation, so the adapter looks for the post before publishing again. A
/// delivery claimed by another node is that node's to sweep, or, once the node is dead, <see cref="DeadNodeSweep"/>'s.
/// </summary>
public sealed partial class PublishingSweep(
    IDeliveryStore deliveries,
    IStateChanges changes,
    DeliveryDispatcher dispatcher,
    IDeliveryScheduler scheduler,
    BrokerNode node,
    Auditor audit,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<PublishingSweep> logger) : PeriodicSweep(time, logger)
{
    // -1 until the first look: the gauge then reports nothing rather than a zero nobody counted.
    private int lastStuck = -1;

    // Every half timeout, at most a minute apart.
    protected override TimeSpan Interval => options.Value.PublishingTimeout / 2 < TimeSpan.FromMinutes(1) ? options.Value.PublishingTimeout / 2 : TimeSpan.FromMinutes(1);

    protected override string Purpose => "The sweep for deliveries stuck in publishing";

    /// <summary>How many deliveries were stuck at the last look (a sweep or a health check); null before the first.</summary>
    public int? LastStuck => Volatile.Read(ref lastStuck) is >= 0 and var stuck ? stuck : null;

    /// <summary>The publishing deliveries older than the timeout that no dispatch of this process is handling.</summary>
    public async Task<IReadOnlyList<Delivery>> FindStuckAsync(CancellationToken cancellationToken)
    {
        var before = Time.GetUtcNow() - options.Value.PublishingTimeout;
        var publishing = await deliveries.ListByStatusAsync([DeliveryStatus.Publishing], cancellationToken);
        List<Delivery> stuck = [.. publishing.Where(d => (d.ClaimedBy is null || d.ClaimedBy == node.Id) && (d.LastAttemptAt ?? d.UpdatedAt) < before && !dispatcher.IsInFlight(d.Id))];
        Volatile.Write(ref lastStuck, stuck.Count);
        return stuck;
    }

    /// <summary>Reconciles every stuck delivery; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var swept = 0;
        foreach (var delivery in await FindStuckAsync(cancellationToken))
        {
            var reason = $"Publishing since {delivery.LastAttemptAt:u} without an outcome; looking for the post before publishing again.";
            if (await ReconcileAsync(delivery, reason, cancellationToken))
            {
                Log.Swept(Logger, delivery.Id, delivery.LastAttemptAt);
                swept++;
            }
        }

        return swept;
    }

    /// <summary>
    /// Moves a publishing delivery, over the version it was read at, to retrying with reconciliation, and wakes it. False
    /// when it changed meanwhile (its outcome arrived after all).
    /// </summary>
    public async Task<bool> ReconcileAsync(Delivery delivery, string reason, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        delivery.Status = DeliveryStatus.Retrying;
        delivery.NeedsReconcile = true;
        delivery.Explain(DeliveryReasonCodes.OutcomeUnknown, reason);
        delivery.DueAt = DueTimes.Resumed(delivery, now);
        delivery.UpdatedAt = now;
        var change = new StateChange().Update(delivery).Record(audit.Entry(Auditor.System, "delivery.reconcile", "delivery", delivery.Id, reason));
        if (!await changes.CommitAsync(change, cancellationToken))
        {
            return false;
        }

        await scheduler.ScheduleAsync([new DueDelivery(delivery.Id, delivery.DueAt)], cancellationToken);
        return true;
    }

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(3050, LogLevel.Warning, "Delivery {DeliveryId} was publishing since {Since} without an outcome; it retries with reconciliation")]
        public static partial void Swept(ILogger logger, string deliveryId, DateTimeOffset? since);
    }
}
