using Broker.Dispatch;
using Broker.Scheduling;

namespace Broker.Storage;

/// <summary>Reads deliveries and inserts new ones; every change of a stored delivery goes through <see cref="IStateChanges"/>.</summary>
public interface IDeliveryStore
{
    Task<Delivery?> GetAsync(string id, CancellationToken cancellationToken);

    Task AddManyAsync(IReadOnlyCollection<Delivery> deliveries, CancellationToken cancellationToken);

    Task<IReadOnlyList<Delivery>> ListByItemAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>The deliveries of several items in one query.</summary>
    Task<IReadOnlyList<Delivery>> ListByItemsAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken);

    /// <summary>
    /// The statuses of the deliveries of several items (archived ones too, as <see cref="ListByItemsAsync"/>), in one query
    /// that reads no delivery's texts.
    /// </summary>
    Task<IReadOnlyList<ItemDeliveryStatus>> ListStatusesByItemsAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken);

    /// <summary>
    /// The deliveries of a page of items, as <see cref="ListByItemsAsync(IReadOnlyCollection{string}, CancellationToken)"/>;
    /// a provider may read them as one range of the items' creation times (<see cref="ItemSpan"/>).
    /// </summary>
    Task<IReadOnlyList<Delivery>> ListByItemsAsync(ItemSpan page, CancellationToken cancellationToken) =>
        ListByItemsAsync(page.Ids, cancellationToken);

    /// <summary>The statuses of the deliveries of a page of items, as <see cref="ListByItemsAsync(ItemSpan, CancellationToken)"/> reads them.</summary>
    Task<IReadOnlyList<ItemDeliveryStatus>> ListStatusesByItemsAsync(ItemSpan page, CancellationToken cancellationToken) =>
        ListStatusesByItemsAsync(page.Ids, cancellationToken);

    Task<IReadOnlyList<Delivery>> ListByStatusAsync(IReadOnlyCollection<DeliveryStatus> statuses, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> deliveries of <paramref name="query"/> after <paramref name="after"/> (null: from
    /// the first) in (due time, id) order, read through an index range.
    /// </summary>
    Task<Page<Delivery>> ListPageAsync(DeliveryListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="ListPageAsync"/>, each row only the fields the deliveries pages show (<see cref="DeliveryRow"/>): the
    /// page is read through the due-time index from its cursor (the failed and held ones' own index when only they are
    /// asked), the statuses and accounts checked on each row read: the pages ask for a day, or for the failed and held.
    /// </summary>
    Task<Page<DeliveryRow>> ListRowsAsync(DeliveryListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<Delivery>> ListByAccountAsync(string accountId, IReadOnlyCollection<DeliveryStatus> statuses, CancellationToken cancellationToken);

    /// <summary>
    /// The deliveries still to be published (scheduled, retrying or publishing), without their texts, in id order, read
    /// through an index of the pending ones: the cost follows the pending work, never the finished deliveries.
    /// </summary>
    IAsyncEnumerable<PendingDelivery> ListPendingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// How many deliveries are scheduled, retrying and publishing, for the queue-depth gauge (read every so often, never
    /// per scrape). This default walks <see cref="ListPendingAsync"/> (1.4 s for 100,000 on LiteDB); a provider that can
    /// count through an index overrides it.
    /// </summary>
    async Task<PendingCounts> CountPendingAsync(CancellationToken cancellationToken)
    {
        long scheduled = 0, retrying = 0, publishing = 0;
        await foreach (var delivery in ListPendingAsync(cancellationToken))
        {
            if (delivery.Status == DeliveryStatus.Scheduled)
            {
                scheduled++;
            }
            else if (delivery.Status == DeliveryStatus.Retrying)
            {
                retrying++;
            }
            else
            {
                publishing++;
            }
        }

        return new PendingCounts(scheduled, retrying, publishing);
    }
}
