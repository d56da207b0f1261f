using Broker.Dispatch;
using Broker.Scheduling;

namespace Broker.Storage;

public interface IDeliveryStore
{
    Task<Delivery?> GetAsync(string id, CancellationToken cancellationToken);

    Task AddManyAsync(IReadOnlyCollection<Delivery> deliveries, CancellationToken cancellationToken);

    Task UpdateAsync(Delivery delivery, CancellationToken cancellationToken);

    Task<IReadOnlyList<Delivery>> ListByItemAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>The deliveries of several items in one query.</summary>
    Task<IReadOnlyList<Delivery>> ListByItemsAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<Delivery>> ListByStatusAsync(IReadOnlyCollection<DeliveryStatus> statuses, CancellationToken cancellationToken);

    Task<IReadOnlyList<Delivery>> ListByAccountAsync(string accountId, IReadOnlyCollection<DeliveryStatus> statuses, CancellationToken cancellationToken);

    /// <summary>
    /// The deliveries still to be published (scheduled, retrying or publishing) due from <paramref name="from"/> to
    /// <paramref name="to"/>, both included, in due order and without their texts. They are read a batch at a time, each
    /// batch its own read, so that a long list never holds the collection in memory.
    /// </summary>
    IAsyncEnumerable<PendingDelivery> ListPendingAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
