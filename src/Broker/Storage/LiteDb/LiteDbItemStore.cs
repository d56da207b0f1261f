using System.Runtime.CompilerServices;
using Broker.Intake;
using Broker.Scheduling;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbItemStore : LiteDbCollection<Item>, IItemStore
{
    public const string Name = "items";

    // Each batch is its own read: LiteDB keeps every page a read touches until the read ends.
    private const int Batch = 500;

    internal static readonly BsonExpression TitleFields = BsonExpression.Create("{ _id, Title }");

    private static readonly BsonExpression ApprovedFields = BsonExpression.Create("{ _id, Status, Accounts: LENGTH($.AccountIds) }");

    private static readonly BsonExpression SummaryFields = BsonExpression.Create(
        "{ _id, Title, Opd, SubmittedBy, Status, CreatedAt, EventEndedAt, Media: COUNT($.MediaIds[*]), AccountIds, ReviewComment }");

    private static readonly BsonExpression ById = BsonExpression.Create("$._id");

    private readonly ILiteCollection<BsonDocument> documents;

    public LiteDbItemStore(BrokerDatabase database)
        : base(database, Name)
    {
        Index(i => i.Status);
        Index(i => i.Opd);
        Index(i => i.EventEndedAt);
        Index(i => i.CreatedAt);
        documents = database.Database.GetCollection(Name);
        Database.Write(() =>
        {
            // The share lists read the open items through the stored key OpenUntil (an older database's index on SharedAt
            // read every item ever shared; the one after it, on OpenUntil's expression, cost every items query its parse).
            IndexKeys.Backfill(database.Database, Name, IndexKeys.OpenUntil, IndexKeys.OpenUntilExpression, $"$.{nameof(Item.SharedAt)} != null");
            documents.DropIndex(nameof(Item.SharedAt));
        });
    }

    // An archived item is still found by its id (its page, the API), so links never break; no list reads the archive.
    public new Task<Item?> GetAsync(string id, CancellationToken cancellationToken) =>
        GetHereOrArchivedAsync(id, LiteDbArchiveStore.ItemsName, cancellationToken);

    public async Task<IReadOnlyList<Item>> ListAsync(ItemStatus? status, string? opd, CancellationToken cancellationToken)
    {
        var found = (status, opd) switch
        {
            (null, null) => await FindAsync(_ => true),
            ({ } s, null) => await FindAsync(i => i.Status == s),
            (null, { } o) => await FindAsync(i => i.Opd == o),
            ({ } s, { } o) => await FindAsync(i => i.Status == s && i.Opd == o),
        };
        return [.. found.OrderByDescending(i => i.CreatedAt)];
    }

    public Task<Page<Item>> ListPageAsync(ItemListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var read = LiteDbKeyset.Read(documents, nameof(Item.CreatedAt), Filter(query), !query.OldestFirst, after, limit + 1, sortHere: ThroughStatus(query));
        return Task.FromResult(Page<Item>.Of(
            read, limit, Database.Database.Mapper.ToObject<Item>, d => LiteDbKeyset.CursorOf(d, nameof(Item.CreatedAt))));
    }

    public Task<Page<ItemSummary>> ListSummariesAsync(ItemListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var read = LiteDbKeyset.Read(documents, nameof(Item.CreatedAt), Filter(query), !query.OldestFirst, after, limit + 1, select: SummaryFields, sortHere: ThroughStatus(query));
        return Task.FromResult(Page<ItemSummary>.Of(read, limit, Summary, d => LiteDbKeyset.CursorOf(d, nameof(Item.CreatedAt))));
    }

    private ItemSummary Summary(BsonDocument document) => new(
        document["_id"].AsString,
        document["Title"].AsString,
        document["Opd"].AsString,
        document["SubmittedBy"] is { IsString: true } submitter ? submitter.AsString : null,
        Enum.Parse<ItemStatus>(document["Status"].AsString),
        Database.Database.Mapper.Deserialize<DateTimeOffset>(document["CreatedAt"]),
        document["EventEndedAt"].IsNull ? null : Database.Database.Mapper.Deserialize<DateTimeOffset>(document["EventEndedAt"]),
        document["Media"].IsNumber ? document["Media"].AsInt32 : 0,
        document["AccountIds"].IsArray ? [.. document["AccountIds"].AsArray.Select(a => a.AsString)] : [],
        document["ReviewComment"] is { IsString: true } comment ? comment.AsString : null);

    public Task<IReadOnlyList<Item>> ListOpenAsync(DateTimeOffset at, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var open = documents.Find(OpenAt(at))
            .OrderByDescending(d => d[nameof(Item.SharedAt)])
            .ThenByDescending(d => d["_id"].AsString, StringComparer.Ordinal)
            .Take(limit)
            .Select(Database.Database.Mapper.ToObject<Item>);
        return Task.FromResult<IReadOnlyList<Item>>([.. open]);
    }

    /// <summary>How <see cref="ListOpenAsync"/> reads the items open at <paramref name="at"/> (LiteDB's <c>EXPLAIN</c>).</summary>
    internal BsonDocument PlanOfOpen(DateTimeOffset at) => documents.Query().Where(OpenAt(at)).GetPlan();

    private static BsonExpression OpenAt(DateTimeOffset at) => LiteDbFilter.Of($"$.{IndexKeys.OpenUntil} > {{0}}", at.UtcDateTime).ToExpression();

    public Task<IReadOnlyDictionary<string, string>> GetTitlesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (ids.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(StringComparer.Ordinal));
        }

        // Those read lately from the cache (ItemTitleCache: reading a title loads the whole item), the others from the file.
        var cache = Database.ItemTitles;
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (cache.TryGet(id, out var known))
            {
                titles[id] = known;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, string>>(titles);
        }

        var readFrom = cache.Epoch;
        var read = LiteDbFilter.FindExact(missing, "$._id", filter => documents.Query().Where(filter).Select(TitleFields).ToEnumerable(), d => d["_id"].AsString)
            .ToDictionary(d => d["_id"].AsString, d => d["Title"].AsString, StringComparer.Ordinal);

        // An archived item's title (a past week's calendar), read only for the ids the working items lack.
        foreach (var (id, title) in LiteDbArchiveStore.FindTitles(Database, [.. missing.Where(id => !read.ContainsKey(id))]))
        {
            read[id] = title;
        }

        cache.Keep(readFrom, read);
        foreach (var (id, title) in read)
        {
            titles[id] = title;
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(titles);
    }

    // A status other than published is read through the status index (Filter): its few items are sorted here.
    private static bool ThroughStatus(ItemListQuery query) => query.Status is { } status && status != ItemStatus.Published;

    private static LiteDbFilter? Filter(ItemListQuery query)
    {
        LiteDbFilter? filter = null;
        if (query.Status is { } status)
        {
            // Most items end published: matched through the status index, a page of them would walk every published item
            // still in the working collection and sort them all. Checked on each row instead (STRING(...) matches no index),
            // the creation-time index drives the read in the page's order and it stops once the page is full. The other
            // statuses are a small share of the items: their index reads few rows.
            filter = LiteDbFilter.Of(status == ItemStatus.Published ? $"STRING($.{nameof(Item.Status)}) = {{0}}" : $"$.{nameof(Item.Status)} = {{0}}", status.ToString());
        }

        if (query.Opd is { } opd)
        {
            filter = LiteDbFilter.After(filter, $"$.{nameof(Item.Opd)} = {{0}}", opd);
        }

        if (query.SubmittedBy is { } submitter)
        {
            filter = LiteDbFilter.After(filter, $"$.{nameof(Item.SubmittedBy)} = {{0}}", submitter);
        }

        return filter;
    }

    public async Task<IReadOnlyList<Item>> ListPublishedAsync(string? opd, int limit, CancellationToken cancellationToken)
    {
        var found = opd is null
            ? await FindAsync(i => i.Status == ItemStatus.Approved || i.Status == ItemStatus.Published || i.Status == ItemStatus.Failed)
            : await FindAsync(i => i.Opd == opd && (i.Status == ItemStatus.Approved || i.Status == ItemStatus.Published || i.Status == ItemStatus.Failed));
        return [.. found
            .Where(i => i.FirstPublishedAt is not null && (opd is null || string.Equals(i.Opd, opd, StringComparison.Ordinal)))
            .OrderByDescending(i => i.FirstPublishedAt)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .Take(limit)];
    }

    public Task<IReadOnlyList<Item>> ListDeadlineCandidatesAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var ended = LiteDbFilter.Of($"$.{nameof(Item.EventEndedAt)} > {{0}}", after.UtcDateTime).And($"$.{nameof(Item.EventEndedAt)} <= {{0}}", upTo.UtcDateTime).ToExpression();
        return Task.FromResult<IReadOnlyList<Item>>([.. Collection.Find(ended)
            .Where(i => i.DeadlineWarnedAt is null && i.Status is ItemStatus.Submitted or ItemStatus.SentBack or ItemStatus.Approved or ItemStatus.Failed)]);
    }

    // One index range on the creation time from the cursor on (an id cursor with a time filter read the whole period per
    // page: the records export of 10,000 items read 3.4 GB).
    public Task<IReadOnlyList<Item>> ListCreatedAsync(DateTimeOffset from, DateTimeOffset to, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var read = LiteDbKeyset.Read(documents, nameof(Item.CreatedAt), null, descending: false, after, limit, (from, to));
        return Task.FromResult<IReadOnlyList<Item>>([.. read.Select(Database.Database.Mapper.ToObject<Item>)]);
    }

    // Through the status index in one read: approved items are the work at hand (an item leaves the status once its
    // deliveries are done), so the read follows that work, not the years of published items beside it.
    public async IAsyncEnumerable<ApprovedItem> ListApprovedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var approved = documents.Query().Where(Query.EQ(nameof(Item.Status), nameof(ItemStatus.Approved))).Select(ApprovedFields).ToList();
        foreach (var document in approved.OrderBy(d => d["_id"].AsString, StringComparer.Ordinal))
        {
            yield return new ApprovedItem(document["_id"].AsString, document["Accounts"].IsNumber ? document["Accounts"].AsInt32 : 0, ItemStatus.Approved);
        }

        await Task.CompletedTask;
    }

    // Through the id index, a batch at a time: published items pile up, so this list grows with the history (start-up
    // recovery reads ListApprovedAsync instead).
    public async IAsyncEnumerable<ApprovedItem> ListLiveAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = BsonValue.MinValue;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = documents.Query().Where(LiteDbFilter.Of("$._id > {0}", after).ToExpression()).OrderBy(ById).Select(ApprovedFields).Limit(Batch).ToList();
            foreach (var document in batch)
            {
                if (Enum.TryParse<ItemStatus>(document["Status"].AsString, out var status) && status is ItemStatus.Approved or ItemStatus.Published or ItemStatus.Failed)
                {
                    yield return new ApprovedItem(document["_id"].AsString, document["Accounts"].IsNumber ? document["Accounts"].AsInt32 : 0, status);
                }
            }

            if (batch.Count < Batch)
            {
                yield break;
            }

            after = batch[^1]["_id"];
            await Task.Yield();
        }
    }
}
