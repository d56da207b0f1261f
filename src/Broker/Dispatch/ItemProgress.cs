using Broker.Audit;
using Broker.Intake;
using Broker.Storage;

namespace Broker.Dispatch;

/// <summary>
/// Keeps an approved item's status in step with its deliveries: <c>published</c> when every live delivery is,
/// <c>failed</c> when one failed for good.
/// </summary>
public sealed class ItemProgress(IItemStore items, IDeliveryStore deliveries, Auditor audit, TimeProvider time)
{
    // LiteDB has no multi-document transactions across our stores; one refresh of an item at a time keeps its
    // read-modify-write whole. Items share a gate only by their id's hash, so a burst refreshes many items at once.
    private readonly SemaphoreSlim[] gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task RefreshAsync(string itemId, CancellationToken cancellationToken)
    {
        var gate = gates[(int)((uint)StringComparer.Ordinal.GetHashCode(itemId) % (uint)gates.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var item = await items.GetAsync(itemId, cancellationToken);
            if (item is null || item.Status is not (ItemStatus.Approved or ItemStatus.Published or ItemStatus.Failed))
            {
                return;
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
                return;
            }

            var previous = item.Status;
            item.Status = status;
            item.FirstPublishedAt = firstPublished;
            item.UpdatedAt = time.GetUtcNow();
            // Queued together, so they share a transaction (group commit).
            var saved = items.UpdateAsync(item, cancellationToken);
            var audited = previous == status
                ? Task.CompletedTask
                : audit.RecordAsync(Auditor.System, "item." + Naming.Camel(status), "item", item.Id, null, cancellationToken);
            await saved;
            await audited;
        }
        finally
        {
            gate.Release();
        }
    }
}
