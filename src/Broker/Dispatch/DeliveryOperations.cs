using Broker.Api;
using Broker.Audit;
using Broker.Scheduling;
using Broker.Storage;

namespace Broker.Dispatch;

/// <summary>What an operator may do to one delivery: retry it, or cancel it. Each is made only over the version read.</summary>
public sealed class DeliveryOperations(
    IDeliveryStore deliveries,
    IStateChanges changes,
    IDeliveryScheduler scheduler,
    ItemProgress items,
    Auditor audit,
    TimeProvider time)
{
    /// <summary>Retries now, or at its scheduled time if that is still ahead (an embargo holds through a retry).</summary>
    public async Task<OperationResult> RetryAsync(Delivery delivery, string actor, CancellationToken cancellationToken)
    {
        if (delivery.Status is not (DeliveryStatus.Failed or DeliveryStatus.Held or DeliveryStatus.Retrying))
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.DeliveryCannotRetry, $"Only a failed, held or retrying delivery can be retried; this one is {Naming.Camel(delivery.Status)}.", ("status", delivery.Status)), delivery.Status);
        }

        if (delivery.Status == DeliveryStatus.Retrying && delivery.RetriedAt >= (delivery.LastAttemptAt ?? DateTimeOffset.MinValue))
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.DeliveryRetryPending, "A retry of this delivery was already asked for and has not been attempted yet."), delivery.Status);
        }

        var now = time.GetUtcNow();
        delivery.Status = DeliveryStatus.Retrying;
        delivery.FailedAttempts = 0;
        delivery.RetriedAt = now;
        delivery.DueAt = DueTimes.Resumed(delivery, now);
        delivery.UpdatedAt = now;
        var change = new StateChange().Update(delivery).Record(audit.Entry(actor, "delivery.retry", "delivery", delivery.Id, delivery.Error));
        if (!await changes.CommitAsync(change, cancellationToken))
        {
            return await LostAsync(delivery.Id, cancellationToken);
        }

        await items.RefreshAsync(delivery.ItemId, cancellationToken);
        await scheduler.ScheduleAsync([new DueDelivery(delivery.Id, delivery.DueAt)], cancellationToken);
        return OperationResult.Ok;
    }

    public async Task<OperationResult> CancelAsync(Delivery delivery, string actor, CancellationToken cancellationToken)
    {
        if (delivery.Status is not (DeliveryStatus.Scheduled or DeliveryStatus.Retrying or DeliveryStatus.Held or DeliveryStatus.Failed))
        {
            return OperationResult.Conflict(
                UserMessage.Of(MessageCodes.DeliveryCannotCancel, $"Only a scheduled, retrying, held or failed delivery can be cancelled; this one is {Naming.Camel(delivery.Status)}.", ("status", delivery.Status)),
                delivery.Status);
        }

        delivery.Status = DeliveryStatus.Cancelled;
        delivery.UpdatedAt = time.GetUtcNow();
        var change = new StateChange().Update(delivery).Record(audit.Entry(actor, "delivery.cancelled", "delivery", delivery.Id, null));
        if (!await changes.CommitAsync(change, cancellationToken))
        {
            return await LostAsync(delivery.Id, cancellationToken);
        }

        // A wake-up that fires meanwhile finds the delivery cancelled and does nothing.
        await scheduler.UnscheduleAsync(delivery.Id, cancellationToken);
        await items.RefreshAsync(delivery.ItemId, cancellationToken);
        return OperationResult.Ok;
    }

    private async Task<OperationResult> LostAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var status = (await deliveries.GetAsync(deliveryId, cancellationToken))?.Status ?? DeliveryStatus.Cancelled;
        return OperationResult.Conflict(UserMessage.Of(MessageCodes.DeliveryChangedMeanwhile, $"The delivery was changed meanwhile; it is now {Naming.Camel(status)}. Nothing was done.", ("status", status)), status);
    }
}
