using Broker.Audit;
using Broker.Events;
using Broker.Intake;
using Broker.Storage;

namespace Broker.Dispatch;

/// <summary>
/// Keeps an approved item's status in step with its deliveries: <c>published</c> when every live delivery is,
/// <c>failed</c> when one failed for good.
/// </summary>
public sealed class ItemProgress(IItemStore items, IDeliveryStore deliveries, IStateChanges changes, Auditor audit, TimeProvider time)
{
    /// <summary>Times a refresh reads again after another change of the item won; each retry sees that change.</summary>
    private const int Attempts = 5;

    // One refresh of an item at a time in this process saves refreshes that would lose to each other; the version check
    // (IStateChanges) is what keeps a decision or an edit made meanwhile. Items share a gate only by their id's hash.
    private readonly SemaphoreSlim[] gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task RefreshAsync(string itemId, CancellationToken cancellationToken)
    {
        var gate = gates[(int)((uint)StringComparer.Ordinal.GetHashCode(itemId) % (uint)gates.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; attempt < Attempts && !await TryRefreshAsync(itemId, cancellationToken); attempt++)
            {
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>False when another change of the item was stored first: read it again.</summary>
    private async Task<bool> TryRefreshAsync(string itemId, CancellationToken cancellationToken)
    {
        var item = await items.GetAsync(itemId, cancellationToken);
        if (item is null || item.Status is not (ItemStatus.Approved or ItemStatus.Published or ItemStatus.Failed))
        {
            return true;
        }

        var all = await deliveries.ListByItemAsync(itemId, cancellationToken);
        var live = all.Where(d => d.Status != DeliveryStatus.Cancelled).ToList();
        var status = live switch
        {
            _ when live.Any(d => d.Status == DeliveryStatus.Failed) => ItemStatus.Failed,
            _ when live.Count > 0 && live.All(d => d.Status == DeliveryStatus.Published) => ItemStatus.Published,
            _ => ItemStatus.Approved,
        };
        var firstPublished = live.Where(d => d.PublishedAt is not null).Min(d => d.PublishedAt);
        if (status == item.Status && firstPublished == item.FirstPublishedAt)
        {
            return true;
        }

        var previous = item.Status;
        item.Status = status;
        item.FirstPublishedAt = firstPublished;
        item.UpdatedAt = time.GetUtcNow();
        var change = new StateChange().Update(item);
        if (previous != status)
        {
            change.Record(audit.Entry(Auditor.System, "item." + Naming.Camel(status), "item", item.Id, null));
            if (status is ItemStatus.Published or ItemStatus.Failed)
            {
                change.Raise(Finished(item, live));
            }
        }

        return await changes.CommitAsync(change, cancellationToken);
    }

    // Published: the permalinks, one per channel; failed: the first failed delivery's reason.
    private static DomainEvent Finished(Item item, List<Delivery> live)
    {
        if (item.Status == ItemStatus.Published)
        {
            var links = live.Where(d => d.Permalink is not null).Select(d => (Key: "permalink." + d.Platform + "." + d.AccountId, Value: d.Permalink));
            return DomainEvents.Item(EventTypes.ItemPublished, item, item.UpdatedAt, null, [("firstPublishedAt", DomainEvents.At(item.FirstPublishedAt)), .. links]);
        }

        var failed = live.First(d => d.Status == DeliveryStatus.Failed);
        return DomainEvents.Item(EventTypes.ItemFailed, item, item.UpdatedAt, null, ("reason", failed.Error), ("deliveryId", failed.Id), ("channel", failed.Platform));
    }
}
