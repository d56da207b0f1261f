using Broker.Audit;
using Broker.Scheduling;
using Broker.Storage;

namespace Broker.Dispatch;

/// <summary>What an operator may do to one delivery: retry it now, or cancel it.</summary>
public sealed class DeliveryOperations(
    IDeliveryStore deliveries,
    IDeliveryScheduler scheduler,
    ItemProgress items,
    Auditor audit,
    TimeProvider time)
{
    public async Task<OperationResult> RetryAsync(Delivery delivery, string actor, CancellationToken cancellationToken)
    {
        if (delivery.Status is not (DeliveryStatus.Failed or DeliveryStatus.Held or DeliveryStatus.Retrying))
        {
            return OperationResult.Conflict($"Only a failed, held or retrying delivery can be retried; this one is {Naming.Camel(delivery.Status)}.");
        }

        var now = time.GetUtcNow();
        delivery.Status = DeliveryStatus.Retrying;
        delivery.FailedAttempts = 0;
        delivery.ScheduledAt = now;
        delivery.DueAt = now;
        delivery.UpdatedAt = now;
        await deliveries.UpdateAsync(delivery, cancellationToken);
        await audit.RecordAsync(actor, "delivery.retry", "delivery", delivery.Id, delivery.Error, cancellationToken);
        await items.RefreshAsync(delivery.ItemId, cancellationToken);
        await scheduler.ScheduleAsync([new DueDelivery(delivery.Id, now)], cancellationToken);
        return OperationResult.Ok;
    }

    public async Task<OperationResult> CancelAsync(Delivery delivery, string actor, CancellationToken cancellationToken)
    {
        if (delivery.Status is not (DeliveryStatus.Scheduled or DeliveryStatus.Retrying or DeliveryStatus.Held or DeliveryStatus.Failed))
        {
            return OperationResult.Conflict($"Only a scheduled, retrying, held or failed delivery can be cancelled; this one is {Naming.Camel(delivery.Status)}.");
        }

        await scheduler.UnscheduleAsync(delivery.Id, cancellationToken);
        delivery.Status = DeliveryStatus.Cancelled;
        delivery.UpdatedAt = time.GetUtcNow();
        await deliveries.UpdateAsync(delivery, cancellationToken);
        await audit.RecordAsync(actor, "delivery.cancelled", "delivery", delivery.Id, null, cancellationToken);
        await items.RefreshAsync(delivery.ItemId, cancellationToken);
        return OperationResult.Ok;
    }
}
