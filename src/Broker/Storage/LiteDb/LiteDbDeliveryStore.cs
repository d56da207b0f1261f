using Broker.Dispatch;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbDeliveryStore : LiteDbCollection<Delivery>, IDeliveryStore
{
    public LiteDbDeliveryStore(BrokerDatabase database)
        : base(database, "deliveries")
    {
        Index(d => d.ItemId);
        Index(d => d.AccountId);
        Index(d => d.Status);
    }

    public Task AddManyAsync(IReadOnlyCollection<Delivery> deliveries, CancellationToken cancellationToken)
    {
        Database.Write(() => Collection.InsertBulk(deliveries));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Delivery>> ListByItemAsync(string itemId, CancellationToken cancellationToken) =>
        FindAsync(d => d.ItemId == itemId);

    public Task<IReadOnlyList<Delivery>> ListByItemsAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var ids = new BsonArray(itemIds.Select(id => new BsonValue(id)));
        return Task.FromResult<IReadOnlyList<Delivery>>(Collection.Find(Query.In(nameof(Delivery.ItemId), ids)).ToList());
    }

    public Task<IReadOnlyList<Delivery>> ListByStatusAsync(IReadOnlyCollection<DeliveryStatus> statuses, CancellationToken cancellationToken)
    {
        var names = new BsonArray(statuses.Select(s => new BsonValue(s.ToString())));
        return Task.FromResult<IReadOnlyList<Delivery>>(Collection.Find(Query.In(nameof(Delivery.Status), names)).ToList());
    }

    public async Task<IReadOnlyList<Delivery>> ListByAccountAsync(string accountId, IReadOnlyCollection<DeliveryStatus> statuses, CancellationToken cancellationToken)
    {
        var all = await FindAsync(d => d.AccountId == accountId);
        return [.. all.Where(d => statuses.Contains(d.Status))];
    }
}
