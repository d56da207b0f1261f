using Broker.Dispatch;
using Broker.Intake;

namespace Broker.Storage;

/// <summary>
/// Which work is finished, so it may be archived: an item that is published, failed, rejected or retracted, last changed
/// before the cut-off, all of whose deliveries are published, failed, cancelled or removed and last changed before it
/// too. An item still approved or in review, or with a delivery still to be published, held (it may be resumed), being
/// removed or edited, or waiting for a person's removal by hand, stays where recovery and the workers see it.
/// </summary>
public static class ArchiveRule
{
    public static IReadOnlyList<ItemStatus> FinishedItems { get; } = [ItemStatus.Published, ItemStatus.Failed, ItemStatus.Rejected, ItemStatus.Retracted];

    public static IReadOnlyList<DeliveryStatus> FinishedDeliveries { get; } =
        [DeliveryStatus.Published, DeliveryStatus.Failed, DeliveryStatus.Cancelled, DeliveryStatus.Removed];

    public static bool IsFinished(Item item, IEnumerable<Delivery> deliveries, DateTimeOffset before)
    {
        ArgumentNullException.ThrowIfNull(item);
        return FinishedItems.Contains(item.Status) && item.UpdatedAt < before
            && deliveries.All(d => FinishedDeliveries.Contains(d.Status) && d.UpdatedAt < before);
    }
}
