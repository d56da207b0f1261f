using Broker.Dispatch;
using Broker.Intake;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// <see cref="IArchiveStore"/> on LiteDB: two collections beside the working ones. A batch's candidates are read through
/// the items' creation-time index; each is read again, checked and moved inside one turn of the single writer, which is
/// one transaction, so nothing changes an item between its check and its move and a crash undoes a batch whole.
/// </summary>
internal sealed class LiteDbArchiveStore : IArchiveStore
{
    public const string ItemsName = "items_archive";

    public const string DeliveriesName = "deliveries_archive";

    private readonly BrokerDatabase database;
    private readonly ILiteCollection<BsonDocument> items;
    private readonly ILiteCollection<BsonDocument> deliveries;
    private readonly ILiteCollection<BsonDocument> archivedItems;
    private readonly ILiteCollection<BsonDocument> archivedDeliveries;

    public LiteDbArchiveStore(BrokerDatabase database)
    {
        this.database = database;
        items = database.Collection<BsonDocument>(LiteDbItemStore.Name);
        deliveries = database.Collection<BsonDocument>(LiteDbDeliveryStore.Name);
        archivedItems = database.Collection<BsonDocument>(ItemsName);
        archivedDeliveries = database.Collection<BsonDocument>(DeliveriesName);
        database.Write(() =>
        {
            archivedItems.EnsureIndex(nameof(Item.Opd));
            archivedItems.EnsureIndex(nameof(Item.CreatedAt));
            archivedDeliveries.EnsureIndex(nameof(Delivery.ItemId));
            archivedDeliveries.EnsureIndex(nameof(Delivery.AccountId));
            archivedDeliveries.EnsureIndex(nameof(Delivery.DueAt));
        });
    }

    /// <summary>An item's deliveries, the id a parameter (each shape of query compiled once: <see cref="LiteDbFilter"/>).</summary>
    private static BsonExpression OfItem(string id) => LiteDbFilter.Of($"$.{nameof(Delivery.ItemId)} = {{0}}", id).ToExpression();

    public async Task<ArchiveBatch> ArchiveAsync(DateTimeOffset finishedBefore, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Through the creation-time index alone, so a batch reads its rows and stops: a filter on the status too made LiteDB
        // load every finished item for each batch (Move checks the status). An item finished before the cut-off was made
        // before it.
        var made = LiteDbFilter.Of($"$.{nameof(Item.CreatedAt)} < {{0}}", finishedBefore.UtcDateTime);
        var candidates = LiteDbKeyset.Read(items, nameof(Item.CreatedAt), made, descending: false, after, limit);
        if (candidates.Count == 0)
        {
            return new ArchiveBatch(0, 0, null);
        }

        var next = candidates.Count < limit ? (PageCursor?)null : LiteDbKeyset.CursorOf(candidates[^1], nameof(Item.CreatedAt));
        var ids = candidates.Select(d => d["_id"].AsString).ToList();
        var (movedItems, movedDeliveries) = await database.WriteAsync(() => Move(ids, finishedBefore));
        return new ArchiveBatch(movedItems, movedDeliveries, next);
    }

    // Run by the writer, maybe twice (a batch that failed is run again): it reads everything it decides on afresh.
    private (int Items, int Deliveries) Move(IReadOnlyList<string> ids, DateTimeOffset finishedBefore)
    {
        var mapper = database.Database.Mapper;
        int movedItems = 0, movedDeliveries = 0;
        foreach (var id in ids)
        {
            if (items.FindById(id) is not { } item || !LiteDbCollection<Item>.Exact(item["_id"], id))
            {
                continue;
            }

            var own = deliveries.Find(OfItem(id)).Where(d => LiteDbCollection<Item>.Exact(d[nameof(Delivery.ItemId)], id)).ToList();
            if (!ArchiveRule.IsFinished(mapper.ToObject<Item>(item), own.Select(mapper.ToObject<Delivery>), finishedBefore))
            {
                continue;
            }

            foreach (var delivery in own)
            {
                archivedDeliveries.Upsert(delivery);
                deliveries.Delete(delivery["_id"]);
            }

            archivedItems.Upsert(item);
            items.Delete(item["_id"]);
            movedItems++;
            movedDeliveries += own.Count;
        }

        return (movedItems, movedDeliveries);
    }

    public async Task<bool> RestoreAsync(string itemId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Most items asked about were never archived: that costs one look-up, not a turn of the writer.
        return archivedItems.FindById(itemId) is not null && await database.WriteAsync(() => Restore(itemId));
    }

    // Run by the writer: read afresh, so a second caller finds the item gone from the archive and moves nothing.
    private bool Restore(string id)
    {
        if (archivedItems.FindById(id) is not { } item || !LiteDbCollection<Item>.Exact(item["_id"], id))
        {
            return false;
        }

        var own = archivedDeliveries.Find(OfItem(id)).Where(d => LiteDbCollection<Item>.Exact(d[nameof(Delivery.ItemId)], id)).ToList();
        // Through the mapper again: a document archived before a key of the working collection's indexes was stored
        // (IndexKeys) comes back with it.
        var mapper = database.Database.Mapper;
        var createdAt = mapper.Deserialize<DateTimeOffset>(item[nameof(Item.CreatedAt)]);
        foreach (var delivery in own)
        {
            var restored = mapper.ToObject<Delivery>(delivery);
            restored.ItemCreatedAt ??= createdAt;
            deliveries.Upsert(mapper.ToDocument(restored));
            archivedDeliveries.Delete(delivery["_id"]);
        }

        items.Upsert(mapper.ToDocument(mapper.ToObject<Item>(item)));
        archivedItems.Delete(item["_id"]);
        return true;
    }

    public Task<Page<DeliveryRow>> ListRowsAsync(DeliveryListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(LiteDbDeliveryRows.Read(archivedDeliveries, database.Database.Mapper, nameof(Delivery.DueAt), query, after, limit));
    }

    public Task<IReadOnlyList<Item>> ListCreatedAsync(DateTimeOffset from, DateTimeOffset to, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var read = LiteDbKeyset.Read(archivedItems, nameof(Item.CreatedAt), null, descending: false, after, limit, (from, to));
        return Task.FromResult<IReadOnlyList<Item>>([.. read.Select(database.Database.Mapper.ToObject<Item>)]);
    }

    /// <summary>
    /// The archived entity of <paramref name="id"/> in <paramref name="collection"/>: the item and delivery stores read
    /// through to it when the working one is gone, so an item's page and links still find it.
    /// </summary>
    internal static T? Find<T>(BrokerDatabase database, string collection, string id)
        where T : class =>
        database.Collection<BsonDocument>(collection).FindById(id) is { } found && LiteDbCollection<T>.Exact(found["_id"], id)
            ? database.Database.Mapper.ToObject<T>(found)
            : null;

    /// <summary>The titles of the archived items of <paramref name="ids"/>, without their bodies.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> FindTitles(BrokerDatabase database, IReadOnlyCollection<string> ids) =>
        LiteDbFilter.FindExact(ids, "$._id", filter => database.Collection<BsonDocument>(ItemsName).Query().Where(filter).Select(LiteDbItemStore.TitleFields).ToEnumerable(), d => d["_id"].AsString)
            .Select(d => KeyValuePair.Create(d["_id"].AsString, d["Title"].AsString));

    /// <summary>The archived deliveries of the items of <paramref name="itemIds"/>.</summary>
    internal static List<Delivery> FindDeliveries(BrokerDatabase database, IReadOnlyCollection<string> itemIds) =>
        itemIds.Count == 0
            ? []
            : [.. database.Collection<BsonDocument>(DeliveriesName).Find(LiteDbFilter.Of($"$.{nameof(Delivery.ItemId)} IN {{0}}", new BsonArray(itemIds.Select(id => new BsonValue(id)))).ToExpression())
                .Select(database.Database.Mapper.ToObject<Delivery>)
                .Where(d => itemIds.Contains(d.ItemId, StringComparer.Ordinal))];
}
