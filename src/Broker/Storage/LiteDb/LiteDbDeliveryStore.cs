using System.Runtime.CompilerServices;
using Broker.Dispatch;
using Broker.Scheduling;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbDeliveryStore : LiteDbCollection<Delivery>, IDeliveryStore
{
    private const string Name = "deliveries";

    // A delivery still to be published is indexed by its due time; any other has no entry (an empty list of keys), so
    // the index holds only the pending deliveries, in due order, however many finished ones the collection keeps, and
    // finishing a delivery only removes its entry.
    private const string PendingDue =
        $"ITEMS(IIF($.Status IN ['{nameof(DeliveryStatus.Scheduled)}','{nameof(DeliveryStatus.Retrying)}','{nameof(DeliveryStatus.Publishing)}'], [$.DueAt], []))";

    // LiteDB keeps every page a read touches until the read ends (up to 800 MB) and never gives its page cache back, so
    // long lists are read in batches, each its own read.
    private const int Batch = 500;

    private static readonly BsonExpression PendingFields = BsonExpression.Create("{ _id, ItemId, Status, DueAt, NeedsReconcile }");

    private readonly ILiteCollection<BsonDocument> documents;

    public LiteDbDeliveryStore(BrokerDatabase database)
        : base(database, Name)
    {
        Index(d => d.ItemId);
        Index(d => d.AccountId);
        Index(d => d.Status);
        documents = database.Database.GetCollection(Name);
        database.Write(() => documents.EnsureIndex("PendingByDue", BsonExpression.Create(PendingDue)));
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

    public async IAsyncEnumerable<PendingDelivery> ListPendingAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var low = from;
        while (low <= to)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = ReadPending(BsonExpression.Create(PendingDue + " ANY BETWEEN @0 AND @1", Bson(low), Bson(to)), Batch);
            if (batch.Count < Batch)
            {
                foreach (var delivery in batch)
                {
                    yield return delivery;
                }

                yield break;
            }

            // Many deliveries may share the batch's last due time (a burst): those are read together, then the walk
            // goes on after that time. LiteDB keeps dates to the millisecond.
            var last = batch[^1].DueAt;
            foreach (var delivery in batch.Where(d => d.DueAt < last).Concat(ReadPending(BsonExpression.Create(PendingDue + " ANY = @0", Bson(last)), int.MaxValue)))
            {
                yield return delivery;
            }

            low = last.AddMilliseconds(1);
            await Task.Yield();
        }
    }

    private List<PendingDelivery> ReadPending(BsonExpression where, int limit) =>
        [.. documents.Query().Where(where).Select(PendingFields).Limit(limit).ToList().Select(ToPending)];

    private PendingDelivery ToPending(BsonDocument document) => new(
        document["_id"].AsString,
        document["ItemId"].AsString,
        Enum.Parse<DeliveryStatus>(document["Status"].AsString),
        Database.Database.Mapper.Deserialize<DateTimeOffset>(document["DueAt"]),
        document["NeedsReconcile"] is { IsBoolean: true, AsBoolean: true });

    private static BsonValue Bson(DateTimeOffset time) => new(time.UtcDateTime);
}
