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
        var gate = gates[Gate(itemId)];
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

    /// <summary>
    /// Refreshes several items in one state change: one commit for all of them, where one per item cost a synchronous
    /// commit per delivery on PostgreSQL. Should another change of one of them win meanwhile, that one change is
    /// stored by nobody, and each item is refreshed again on its own.
    /// </summary>
    public async Task RefreshManyAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        if (itemIds.Count <= 1)
        {
            foreach (var id in itemIds)
            {
                await RefreshAsync(id, cancellationToken);
            }

            return;
        }

        // Gates taken in one order, so two refreshes of overlapping items never wait for each other in a circle.
        var taken = itemIds.Select(Gate).Distinct().Order().Select(g => gates[g]).ToList();
        var changed = new List<string>();
        var stored = true;
        foreach (var gate in taken)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            // The items before their deliveries, as TryRefreshAsync reads them: the deliveries read are then at least as
            // new as those the item's version was decided from. Read the other way round, another node could publish an
            // item's last delivery and mark the item published between the two reads, and this older view of the
            // deliveries would put it back to approved over that version, forever (the cluster kill test's 99 of 100).
            var read = new List<Item>(itemIds.Count);
            foreach (var id in itemIds)
            {
                if (await items.GetAsync(id, cancellationToken) is { } item)
                {
                    read.Add(item);
                }
            }

            var all = (await deliveries.ListByItemsAsync(itemIds, cancellationToken)).ToLookup(d => d.ItemId, StringComparer.Ordinal);
            var change = new StateChange();
            foreach (var item in read)
            {
                if (Decide(item, [.. all[item.Id]], change))
                {
                    changed.Add(item.Id);
                }
            }

            stored = changed.Count == 0 || await changes.CommitAsync(change, cancellationToken);
        }
        finally
        {
            taken.ForEach(g => g.Release());
        }

        if (!stored)
        {
            foreach (var id in changed)
            {
                await RefreshAsync(id, cancellationToken);
            }
        }
    }

    private int Gate(string itemId) => (int)((uint)StringComparer.Ordinal.GetHashCode(itemId) % (uint)gates.Length);

    /// <summary>False when another change of the item was stored first: read it again.</summary>
    private async Task<bool> TryRefreshAsync(string itemId, CancellationToken cancellationToken)
    {
        // The item first, then its deliveries: never a view of the deliveries older than the item's version (above).
        var item = await items.GetAsync(itemId, cancellationToken);
        if (item is null)
        {
            return true;
        }

        var change = new StateChange();
        return !Decide(item, await deliveries.ListByItemAsync(itemId, cancellationToken), change) || await changes.CommitAsync(change, cancellationToken);
    }

    /// <summary>Adds to <paramref name="change"/> what brings <paramref name="item"/> in step with its deliveries; false when it already is.</summary>
    private bool Decide(Item item, IReadOnlyList<Delivery> all, StateChange change)
    {
        if (item.Status is not (ItemStatus.Approved or ItemStatus.Published or ItemStatus.Failed))
        {
            return false;
        }

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
            return false;
        }

        var previous = item.Status;
        item.Status = status;
        item.FirstPublishedAt = firstPublished;
        item.UpdatedAt = time.GetUtcNow();
        change.Update(item);
        if (previous != status)
        {
            change.Record(audit.Entry(Auditor.System, "item." + Naming.Camel(status), "item", item.Id, null));
            if (status is ItemStatus.Published or ItemStatus.Failed)
            {
                change.Raise(Finished(item, live));
            }
        }

        return true;
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
