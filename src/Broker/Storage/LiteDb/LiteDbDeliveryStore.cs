using System.Runtime.CompilerServices;
using Broker.Dispatch;
using Broker.Intake;
using Broker.Scheduling;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbDeliveryStore : LiteDbCollection<Delivery>, IDeliveryStore
{
    public const string Name = "deliveries";

    private static readonly BsonExpression PendingFields = BsonExpression.Create("{ _id, ItemId, Status, DueAt, NeedsReconcile }");

    private static readonly BsonArray PendingStatuses =
        [nameof(DeliveryStatus.Scheduled), nameof(DeliveryStatus.Retrying), nameof(DeliveryStatus.Publishing)];

    private static readonly BsonExpression StatusFields = BsonExpression.Create("{ ItemId, Status }");

    // The item's creation time alone, which its index holds: a query that reads only it reads the index, no document.
    private static readonly BsonExpression ItemTimeKey = BsonExpression.Create($"$.{nameof(Delivery.ItemCreatedAt)}");

    private static readonly BsonExpression Unkeyed = BsonExpression.Create($"$.{nameof(Delivery.ItemCreatedAt)} = null");

    // What a delivery whose item is gone is keyed by, when it has no creation time of its own either.
    private static readonly BsonValue NoTime = new(DateTime.UnixEpoch);

    private const int KeyedPerTurn = 1000;

    private static readonly BsonExpression CountStatus = BsonExpression.Create("{ count: COUNT(*.Status) }");

    private static readonly (DateTimeOffset, DateTimeOffset) AnyTime =
        (new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private readonly ILiteCollection<BsonDocument> documents;

    public LiteDbDeliveryStore(BrokerDatabase database)
        : base(database, Name)
    {
        Index(d => d.ItemId);
        Index(d => d.AccountId);
        Index(d => d.Status);
        Index(d => d.DueAt);
        Index(d => d.ItemCreatedAt);
        documents = database.Database.GetCollection(Name);
        while (Database.Write(KeyByItemTime) > 0)
        {
        }

        // Failed and held deliveries are read through the stored key ProblemDue (an older database's index on its
        // expression cost every deliveries query its parse).
        Database.Write(() => IndexKeys.Backfill(
            database.Database, Name, IndexKeys.ProblemDue, IndexKeys.ProblemDueExpression, $"$.{nameof(Delivery.Status)} IN ['Failed', 'Held']"));
    }

    public Task AddManyAsync(IReadOnlyCollection<Delivery> deliveries, CancellationToken cancellationToken)
    {
        KeyByItem(Database, deliveries, []);
        LiteDbDuplicates.RefusedAsDuplicate(() => Database.Write(() => Collection.InsertBulk(deliveries)));
        return Task.CompletedTask;
    }

    // An archived delivery, and an archived item's deliveries, are still found (an item moves with all of its deliveries
    // in one transaction, so an item has them all here or all in the archive); the lists by status never read the archive.
    public new Task<Delivery?> GetAsync(string id, CancellationToken cancellationToken) =>
        GetHereOrArchivedAsync(id, LiteDbArchiveStore.DeliveriesName, cancellationToken);

    public async Task<IReadOnlyList<Delivery>> ListByItemAsync(string itemId, CancellationToken cancellationToken)
    {
        var working = await FindAsync(d => d.ItemId == itemId);
        if (working.Count > 0)
        {
            return working;
        }

        // The working rows again after an archive miss, as GetHereOrArchivedAsync: a restore between the two reads.
        var archived = LiteDbArchiveStore.FindDeliveries(Database, [itemId]);
        return archived.Count > 0 ? archived : await FindAsync(d => d.ItemId == itemId);
    }

    public Task<IReadOnlyList<Delivery>> ListByItemsAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var working = Collection.Find(LiteDbFilter.Of($"$.{nameof(Delivery.ItemId)} IN {{0}}", Values(itemIds)).ToExpression()).ToList();
        var found = working.Select(d => d.ItemId).ToHashSet(StringComparer.Ordinal);
        var elsewhere = itemIds.Where(id => !found.Contains(id)).ToList();
        return Task.FromResult<IReadOnlyList<Delivery>>([.. working, .. LiteDbArchiveStore.FindDeliveries(Database, elsewhere)]);
    }

    public Task<IReadOnlyList<ItemDeliveryStatus>> ListStatusesByItemsAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var working = documents.Query().Where(LiteDbFilter.Of($"$.{nameof(Delivery.ItemId)} IN {{0}}", Values(itemIds)).ToExpression()).Select(StatusFields).ToList()
            .Select(d => new ItemDeliveryStatus(d["ItemId"].AsString, Enum.Parse<DeliveryStatus>(d["Status"].AsString)))
            .Where(d => itemIds.Contains(d.ItemId, StringComparer.Ordinal))
            .ToList();
        var found = working.Select(d => d.ItemId).ToHashSet(StringComparer.Ordinal);
        var elsewhere = itemIds.Where(id => !found.Contains(id)).ToList();
        return Task.FromResult<IReadOnlyList<ItemDeliveryStatus>>(
            [.. working, .. LiteDbArchiveStore.FindDeliveries(Database, elsewhere).Select(d => new ItemDeliveryStatus(d.ItemId, d.Status))]);
    }

    public Task<IReadOnlyList<Delivery>> ListByItemsAsync(ItemSpan page, CancellationToken cancellationToken)
    {
        if (PageRange(page, select: null) is not { } range)
        {
            return ListByItemsAsync(page.Ids, cancellationToken);
        }

        var mapper = Database.Database.Mapper;
        var working = range.Select(mapper.ToObject<Delivery>).ToList();
        return Task.FromResult<IReadOnlyList<Delivery>>([.. working, .. LiteDbArchiveStore.FindDeliveries(Database, Archived(page, working.Select(d => d.ItemId)))]);
    }

    public Task<IReadOnlyList<ItemDeliveryStatus>> ListStatusesByItemsAsync(ItemSpan page, CancellationToken cancellationToken)
    {
        if (PageRange(page, StatusFields) is not { } range)
        {
            return ListStatusesByItemsAsync(page.Ids, cancellationToken);
        }

        var working = range.Select(d => new ItemDeliveryStatus(d["ItemId"].AsString, Enum.Parse<DeliveryStatus>(d["Status"].AsString))).ToList();
        var archived = LiteDbArchiveStore.FindDeliveries(Database, Archived(page, working.Select(d => d.ItemId)));
        return Task.FromResult<IReadOnlyList<ItemDeliveryStatus>>([.. working, .. archived.Select(d => new ItemDeliveryStatus(d.ItemId, d.Status))]);
    }

    /// <summary>
    /// The working deliveries of <paramref name="page"/>'s items read as one range of the index of their items' creation
    /// times (fields <paramref name="select"/>, null: whole), instead of a search of the item index from its head for each
    /// item. Null when the range may hold many other items' deliveries: a page that is not its whole span (a filtered list,
    /// whose items may lie among many others) has its range counted first, on the index alone, up to twice the deliveries
    /// expected, and its items are looked up one by one past that. Every working delivery has its key (the upgrade at
    /// start, <see cref="KeyByItem"/> on every insert), so an item with none in the range has none here.
    /// </summary>
    private List<BsonDocument>? PageRange(ItemSpan page, BsonExpression? select)
    {
        if (page.Ids.Count < 2)
        {
            return null;
        }

        var range = SpanOf(page);
        var most = (page.Accounts * 2) + 32;
        if (!page.Whole && documents.Query().Where(range).Select(ItemTimeKey).Limit(most + 1).ToEnumerable().Count() > most)
        {
            return null;
        }

        var wanted = page.Ids.ToHashSet(StringComparer.Ordinal);
        var query = documents.Query().Where(range);
        return [.. (select is null ? query.ToEnumerable() : query.Select(select).ToEnumerable())
            .Where(d => wanted.Contains(d[nameof(Delivery.ItemId)].AsString))];
    }

    // A millisecond either side: BSON keeps times to the millisecond, and a key is never finer than the item's time.
    private static BsonExpression SpanOf(ItemSpan page) => LiteDbFilter.Of(
        $"$.{nameof(Delivery.ItemCreatedAt)} BETWEEN {{0}} AND {{1}}",
        new BsonValue(page.From.UtcDateTime.AddMilliseconds(-1)),
        new BsonValue(page.To.UtcDateTime.AddMilliseconds(1))).ToExpression();

    /// <summary>How a page of items' deliveries are counted, then read (LiteDB's <c>EXPLAIN</c> of each).</summary>
    internal (BsonDocument Count, BsonDocument Read) PlansOfSpan(ItemSpan page) =>
        (documents.Query().Where(SpanOf(page)).Select(ItemTimeKey).GetPlan(), documents.Query().Where(SpanOf(page)).GetPlan());

    // The items of the page with no working delivery that the archive may hold (moved there, with all their deliveries,
    // since the page was read): those the page says are archivable.
    private static List<string> Archived(ItemSpan page, IEnumerable<string> found)
    {
        var seen = found.ToHashSet(StringComparer.Ordinal);
        return [.. page.Ids.Where(id => !seen.Contains(id) && (page.Archivable is null || page.Archivable.Contains(id)))];
    }

    /// <summary>
    /// Gives each of <paramref name="deliveries"/> without it its item's creation time: from <paramref name="known"/> (the
    /// items of the same change), else the stored item's (working or archived), else the delivery's own (an item gone,
    /// whose deliveries no page of items shows). An item's creation time never changes, so it is read outside the writer.
    /// </summary>
    internal static void KeyByItem(BrokerDatabase database, IEnumerable<Delivery> deliveries, IEnumerable<Item> known)
    {
        Dictionary<string, DateTimeOffset>? times = null;
        foreach (var delivery in deliveries.Where(d => d.ItemCreatedAt is null))
        {
            if (times is null)
            {
                times = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                foreach (var item in known)
                {
                    times.TryAdd(item.Id, item.CreatedAt);
                }
            }

            if (!times.TryGetValue(delivery.ItemId, out var at))
            {
                at = ItemTimeOf(database, delivery.ItemId) is { IsDateTime: true } stored
                    ? database.Database.Mapper.Deserialize<DateTimeOffset>(stored)
                    : delivery.CreatedAt;
                times[delivery.ItemId] = at;
            }

            delivery.ItemCreatedAt = at;
        }
    }

    private static BsonValue? ItemTimeOf(BrokerDatabase database, string itemId) =>
        (database.Collection<BsonDocument>(LiteDbItemStore.Name).FindById(itemId)
            ?? database.Collection<BsonDocument>(LiteDbArchiveStore.ItemsName).FindById(itemId))?[nameof(Item.CreatedAt)];

    /// <summary>
    /// The upgrade of a database whose deliveries were stored before they kept their item's creation time: up to
    /// <see cref="KeyedPerTurn"/> working deliveries without it get it, in one turn of the writer; returns how many (none:
    /// the upgrade is done, or was never needed, which costs one look-up of the index's first key). Run again until it
    /// returns none, so a start killed halfway finishes the upgrade at the next one.
    /// </summary>
    private int KeyByItemTime()
    {
        var unkeyed = documents.Find(Unkeyed, limit: KeyedPerTurn).ToList();
        var times = new Dictionary<string, BsonValue>(StringComparer.Ordinal);
        foreach (var document in unkeyed)
        {
            var itemId = document[nameof(Delivery.ItemId)].AsString;
            if (!times.TryGetValue(itemId, out var at))
            {
                at = ItemTimeOf(Database, itemId) is { IsDateTime: true } stored ? stored
                    : document[nameof(Delivery.CreatedAt)] is { IsDateTime: true } own ? own
                    : NoTime;
                times[itemId] = at;
            }

            document[nameof(Delivery.ItemCreatedAt)] = at;
            documents.Update(document);
        }

        return unkeyed.Count;
    }

    public Task<IReadOnlyList<Delivery>> ListByStatusAsync(IReadOnlyCollection<DeliveryStatus> statuses, CancellationToken cancellationToken)
    {
        var names = new BsonArray(statuses.Select(s => new BsonValue(s.ToString())));
        return Task.FromResult<IReadOnlyList<Delivery>>(Collection.Find(Query.In(nameof(Delivery.Status), names)).ToList());
    }

    public Task<Page<Delivery>> ListPageAsync(DeliveryListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (query.Statuses.Count == 0 || query.AccountIds is { Count: 0 })
        {
            return Task.FromResult(new Page<Delivery>([], null));
        }

        var within = query is { From: { } from, To: { } to } ? (from, to) : ((DateTimeOffset, DateTimeOffset)?)null;
        var filter = within is null ? query : query with { From = null, To = null };
        if (query.Statuses.All(DailyProblem.Statuses.Contains))
        {
            // Failed and held deliveries wait for someone, and the status index would read every one of them to sort them.
            // Their own index holds their due times only, in order: the page is an index range that stops once it is full.
            var read = LiteDbKeyset.Read(
                documents, IndexKeys.ProblemDue, NotIndexedFilter(filter), query.LatestFirst, after, limit + 1, within ?? AnyTime, nameof(Delivery.DueAt));
            return Task.FromResult(Page<Delivery>.Of(
                read, limit, Database.Database.Mapper.ToObject<Delivery>, d => LiteDbKeyset.CursorOf(d, nameof(Delivery.DueAt))));
        }

        var page = LiteDbKeyset.Read(documents, nameof(Delivery.DueAt), Filter(filter), query.LatestFirst, after, limit + 1, within);
        return Task.FromResult(Page<Delivery>.Of(
            page, limit, Database.Database.Mapper.ToObject<Delivery>, d => LiteDbKeyset.CursorOf(d, nameof(Delivery.DueAt))));
    }

    public Task<Page<DeliveryRow>> ListRowsAsync(DeliveryListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(LiteDbDeliveryRows.Read(documents, Database.Database.Mapper, RowsTime(query), query, after, limit));
    }

    /// <summary>How <see cref="ListRowsAsync"/> reads <paramref name="query"/>'s first page (LiteDB's <c>EXPLAIN</c>).</summary>
    internal BsonDocument PlanOfRows(DeliveryListQuery query) => LiteDbDeliveryRows.PlanOf(documents, RowsTime(query), query);

    private static string RowsTime(DeliveryListQuery query) =>
        query.Statuses.Count > 0 && query.Statuses.All(DailyProblem.Statuses.Contains) ? IndexKeys.ProblemDue : nameof(Delivery.DueAt);

    // The statuses (and accounts, and open bounds) checked on each row an index range reads: STRING(...) matches no index.
    private static LiteDbFilter NotIndexedFilter(DeliveryListQuery query)
    {
        var filter = NotIndexed(null, nameof(Delivery.Status), Names(query.Statuses));
        if (query.AccountIds is { } accounts)
        {
            filter = NotIndexed(filter, nameof(Delivery.AccountId), Values(accounts));
        }

        if (query.From is { } from)
        {
            filter = filter.And($"$.{nameof(Delivery.DueAt)} >= {{0}}", from.UtcDateTime);
        }

        if (query.To is { } to)
        {
            filter = filter.And($"$.{nameof(Delivery.DueAt)} < {{0}}", to.UtcDateTime);
        }

        return filter;
    }

    // LiteDB picks one index per query by a fixed price (an equality on a non-unique index 10, an IN 10 a value, a range
    // 20), never by how many rows match. A status that piles up over the years (published, cancelled, removed) matched
    // through the status index walks every such delivery and sorts them all by due time; the page is then driven by the
    // due-time index in the page's order instead, with status and account checked on each row (through STRING(...),
    // which no index matches), so the read stops once the page is full. Rare statuses keep their index: few rows match.
    private static LiteDbFilter Filter(DeliveryListQuery query)
    {
        var byDueTime = query.Statuses.Any(AccumulatesOverYears);

        // Of terms of one price LiteDB takes the first: by due time, the bound the read starts from; else the statuses.
        var from = query.From is { } f ? ($"$.{nameof(Delivery.DueAt)} >= {{0}}", new BsonValue(f.UtcDateTime)) : ((string, BsonValue)?)null;
        var to = query.To is { } t ? ($"$.{nameof(Delivery.DueAt)} < {{0}}", new BsonValue(t.UtcDateTime)) : ((string, BsonValue)?)null;
        var bounds = (query.LatestFirst ? [to, from] : new[] { from, to }).OfType<(string Text, BsonValue Value)>().ToList();
        LiteDbFilter? filter = null;
        if (byDueTime)
        {
            filter = bounds.Aggregate(filter, (f, b) => LiteDbFilter.After(f, b.Text, b.Value));
            filter = NotIndexed(filter, nameof(Delivery.Status), Names(query.Statuses));
            return query.AccountIds is { } accounts ? NotIndexed(filter, nameof(Delivery.AccountId), Values(accounts)) : filter;
        }

        filter = LiteDbFilter.Of($"$.{nameof(Delivery.Status)} IN {{0}}", Names(query.Statuses));
        if (query.AccountIds is { } ids)
        {
            filter = filter.And($"$.{nameof(Delivery.AccountId)} IN {{0}}", Values(ids));
        }

        return bounds.Aggregate(filter, (f, b) => f.And(b.Text, b.Value));
    }

    private static bool AccumulatesOverYears(DeliveryStatus status) =>
        status is DeliveryStatus.Published or DeliveryStatus.Cancelled or DeliveryStatus.Removed;

    private static LiteDbFilter NotIndexed(LiteDbFilter? filter, string field, BsonArray values) =>
        LiteDbFilter.After(filter, $"STRING($.{field}) IN {{0}}", values);

    private static BsonArray Names(IEnumerable<DeliveryStatus> statuses) => new(statuses.Select(s => new BsonValue(s.ToString())));

    private static BsonArray Values(IEnumerable<string> values) => new(values.Select(v => new BsonValue(v)));

    // Through an index (the account's or the statuses'), not every delivery the account ever had read and filtered here.
    public Task<IReadOnlyList<Delivery>> ListByAccountAsync(string accountId, IReadOnlyCollection<DeliveryStatus> statuses, CancellationToken cancellationToken)
    {
        var query = LiteDbFilter.Of($"$.{nameof(Delivery.Status)} IN {{0}}", Names(statuses)).And($"$.{nameof(Delivery.AccountId)} = {{0}}", accountId).ToExpression();
        return Task.FromResult<IReadOnlyList<Delivery>>([.. Collection.Find(query).Where(d => string.Equals(d.AccountId, accountId, StringComparison.Ordinal))]);
    }

    // Through the status index, in one read: LiteDB prices `Status IN (3 values)` at 30, above an `_id` range's 20, so a
    // walk by id batches (as this was) read every delivery ever stored; one read without the range costs what is pending.
    // The status index walks its rows in no order a batch could resume from, so the pending ones are read whole: the
    // pages held until the read ends are those of the pending deliveries only (their fields, not their texts, are kept).
    public async IAsyncEnumerable<PendingDelivery> ListPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = documents.Query().Where(Query.In(nameof(Delivery.Status), PendingStatuses)).Select(PendingFields).ToList();
        foreach (var document in pending.OrderBy(d => d["_id"].AsString, StringComparer.Ordinal))
        {
            yield return ToPending(document);
        }

        await Task.CompletedTask;
    }

    // Through the status index, reading its keys only (the count names no other field), so no document is loaded: 90,000
    // scheduled among 100,000 count in about 50 ms warm (450 ms cold), where the default walk of ListPendingAsync took 1.4 s.
    public Task<PendingCounts> CountPendingAsync(CancellationToken cancellationToken) => Task.FromResult(new PendingCounts(
        CountOf(DeliveryStatus.Scheduled), CountOf(DeliveryStatus.Retrying), CountOf(DeliveryStatus.Publishing)));

    private long CountOf(DeliveryStatus status) =>
        documents.Query().Where(Query.EQ(nameof(Delivery.Status), status.ToString())).Select(CountStatus).ToDocuments().Single()["count"].AsInt64;

    private PendingDelivery ToPending(BsonDocument document) => new(
        document["_id"].AsString,
        document["ItemId"].AsString,
        Enum.Parse<DeliveryStatus>(document["Status"].AsString),
        Database.Database.Mapper.Deserialize<DateTimeOffset>(document["DueAt"]),
        document["NeedsReconcile"] is { IsBoolean: true, AsBoolean: true });
}
