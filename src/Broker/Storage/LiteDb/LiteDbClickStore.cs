using Broker.Sharing;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Clicks in batch documents (<see cref="ClickRows"/>), read back joined to their links. Share links are never deleted,
/// so every click finds its link.
/// </summary>
internal sealed class LiteDbClickStore : IClickStore
{
    /// <summary>The longest range <see cref="ReadBetween"/> finds by the batches' dates rather than from its start on.</summary>
    private static readonly TimeSpan ByDatesUpTo = TimeSpan.FromDays(31);

    private readonly BrokerDatabase database;
    private readonly ILiteCollection<BsonDocument> batches;
    private readonly ILiteCollection<ShareLink> links;
    private readonly ILiteCollection<BsonDocument> days;
    private readonly ClickCounters counters;
    private volatile bool countersBuilt;
    private volatile bool countersKeyed;
    private volatile bool codesAdded;
    private volatile bool daysAdded;

    public LiteDbClickStore(BrokerDatabase database)
    {
        this.database = database;
        batches = database.Collection<BsonDocument>("clickbatches");
        links = database.Collection<ShareLink>("sharelinks");
        days = database.Collection<BsonDocument>("clickdays");
        counters = new ClickCounters(database);
        database.Write(() =>
        {
            batches.EnsureIndex("To", "$.To");
            batches.EnsureIndex("From", "$.From");
            batches.EnsureIndex("Items", "$.Items[*]");
            batches.EnsureIndex("Codes", "$.Codes[*]");
            batches.EnsureIndex("Days", "$.Days[*]");
            days.EnsureIndex("Day", "$.Day");
            days.EnsureIndex("ItemId", "$.ItemId");
            days.EnsureIndex("Nip", "$.Nip");
            database.Collection<BsonDocument>(ClickCounters.Name).EnsureIndex(ClickCounters.Key, $"$.{ClickCounters.Key}");
        });
        LegacyClicks.MoveToBatches(database, batches);
        ClickBatchFields.Codes.BeginIfEmpty(database);
        ClickBatchFields.Days.BeginIfEmpty(database);
        ClickCounterBackfill.BeginIfEmpty(database);
    }

    public Task AddAllAsync(IReadOnlyList<Click> clicks, CancellationToken cancellationToken)
    {
        if (clicks.Count > 0)
        {
            var batch = ClickRows.Batch(clicks);
            batch["Counted"] = true; // by the counters in its own transaction (the backfill skips it)
            database.Write(() =>
            {
                database.Database.BeginTrans();
                try
                {
                    batches.Insert(batch);
                    counters.Add(ClickRows.RowsOf(batch));
                    database.Database.Commit();
                }
                catch
                {
                    database.Database.Rollback();
                    throw;
                }
            });
        }

        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> OldestAsync(CancellationToken cancellationToken)
    {
        var oldest = batches.Find(Query.All("From", Query.Ascending), 0, 1).FirstOrDefault();
        return Task.FromResult<DateTimeOffset?>(oldest is null ? null : new DateTimeOffset(DateTime.SpecifyKind(oldest["From"].AsDateTime.ToUniversalTime(), DateTimeKind.Utc)));
    }

    // One writer turn and one transaction: after a crash the day's counts and the clicks they replace are both there or
    // both not (LiteDB's log replays whole transactions only).
    // A roll-up takes counts away, so the counters of older clicks are built first (ClickCounterBackfill).
    public Task<int> RollUpAsync(DateOnly day, DateTimeOffset from, DateTimeOffset to, int maxLinks, CancellationToken cancellationToken)
    {
        ClickCounterBackfill.Finish(database, cancellationToken);
        return Task.FromResult(database.Write(() =>
        {
            database.Database.BeginTrans();
            try
            {
                var purged = new ClickDayRollUp(batches, days, links, counters).Run(day, from, to, maxLinks);
                database.Database.Commit();
                return purged;
            }
            catch
            {
                database.Database.Rollback();
                throw;
            }
        }));
    }

    public Task<AsnClickCounts> CountsByNipAsync(string nip, CancellationToken cancellationToken)
    {
        countersBuilt = countersBuilt || ClickCounterBackfill.IsBuilt(database);
        var owned = LinksOf(nip).Where(l => l.Nip == nip).ToList();
        if (!countersBuilt)
        {
            return Task.FromResult(AsnClickCounts.Tally(ReadByNip(nip), DaysOf(days.Find(Equal("Nip", nip)).Where(d => string.Equals(d["Nip"].AsString, nip, StringComparison.Ordinal)))) with { Links = owned });
        }

        countersKeyed = countersKeyed || ClickCounterKeys.IsDone(database);
        var counts = countersKeyed ? counters.ReadOf(nip, [.. owned.Select(l => l.Id)]) : counters.Read(owned.Select(l => l.Id));
        return Task.FromResult(counts with { Links = owned });
    }

    public Task<IReadOnlyList<ClickDay>> DaysOfItemAsync(string itemId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ClickDay>>(DaysOf(days.Find(Equal("ItemId", itemId)).Where(d => string.Equals(d["ItemId"].AsString, itemId, StringComparison.Ordinal))));

    public Task<IReadOnlyList<ClickDay>> DaysOfNipAsync(string nip, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ClickDay>>(DaysOf(days.Find(Equal("Nip", nip)).Where(d => string.Equals(d["Nip"].AsString, nip, StringComparison.Ordinal))));

    public Task<IReadOnlyList<ClickDay>> DaysBetweenAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ClickDay>>(DaysOf(days.Find(LiteDbFilter.Range("$.Day", from?.DayNumber ?? int.MinValue, to?.DayNumber ?? int.MaxValue).ToExpression())));

    // Values as parameters, so each shape of query is compiled once (LiteDbFilter), whatever the NIP, item or time.
    private static BsonExpression Equal(string field, string value) => LiteDbFilter.Of($"$.{field} = {{0}}", value).ToExpression();

    /// <summary>An ASN's links, through the key index: the range of keys that begin with the NIP's.</summary>
    private IEnumerable<ShareLink> LinksOf(string nip)
    {
        var prefix = ShareLink.KeyOf(nip, "");
        return links.Find(LiteDbFilter.Of($"$.{nameof(ShareLink.Key)} BETWEEN {{0}} AND {{1}}", prefix, prefix + char.MaxValue).ToExpression());
    }

    /// <summary>The days found, each with its link, read into a list before any link is looked up (no query stays open).</summary>
    private List<ClickDay> DaysOf(IEnumerable<BsonDocument> found)
    {
        var known = new Dictionary<string, ShareLink?>(StringComparer.Ordinal);
        var read = new List<ClickDay>();
        foreach (var day in found.ToList())
        {
            var code = day["Code"].AsString;
            if (!known.TryGetValue(code, out var link))
            {
                known[code] = link = links.FindById(code);
            }

            if (link is not null)
            {
                read.Add(new ClickDay(
                    DateOnly.FromDayNumber(day["Day"].AsInt32), link, day["Clicks"].AsInt32, day["Visitors"].AsInt32, [.. day["Channels"].AsArray.Select(c => c.AsInt32)]));
            }
        }

        return read;
    }

    public IEnumerable<StoredClick> ReadByItem(string itemId) =>
        Read(InItems([itemId]), (link, _) => string.Equals(link.ItemId, itemId, StringComparison.Ordinal));

    public IEnumerable<StoredClick> ReadByNip(string nip)
    {
        // Through the batches that hold a click on one of the ASN's links (by code), not every batch of the ASN's items:
        // on a popular item those hold the whole city's clicks. Only this ASN's codes are looked up in them.
        var theirs = LinksOf(nip).Where(l => l.Nip == nip).ToList();
        // Until every batch names its codes (ClickBatchUpgrade, after an upgrade), the batches of the ASN's items.
        var codes = theirs.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        codesAdded = codesAdded || ClickBatchFields.Codes.IsDone(database);
        var found = codesAdded ? WithCodes(codes) : InItems(theirs.Select(l => l.ItemId).Distinct(StringComparer.Ordinal));
        return Read(found, (link, _) => string.Equals(link.Nip, nip, StringComparison.Ordinal), codes);
    }

    /// <summary>The batches holding a click on any of these links.</summary>
    private List<BsonValue> WithCodes(IEnumerable<string> codes) =>
        [.. codes.SelectMany(code => IdsOf(batches.Query().Where(BsonExpression.Create("$.Codes[*] ANY = @0", new BsonValue(code))))).Distinct()];

    public IEnumerable<StoredClick> ReadBetween(DateTimeOffset? from, DateTimeOffset? to)
    {
        // A few days (a day being figured, the days of a report not figured yet): the batches of their UTC dates, whatever
        // was written after them, and over a week at most, each link looked up as its first click is met. Until every batch
        // names its dates (ClickBatchUpgrade, after an upgrade), from the start on, as any longer period.
        daysAdded = daysAdded || ClickBatchFields.Days.IsDone(database);
        if (daysAdded && from is { } first && to is { } end && end > first && end - first <= ByDatesUpTo)
        {
            var dates = Enumerable.Range(ClickRows.DayOf(first), ClickRows.DayOf(end.AddTicks(-1)) - ClickRows.DayOf(first) + 1);
            var ids = dates.SelectMany(d => IdsOf(batches.Query().Where(BsonExpression.Create("$.Days[*] ANY = @0", new BsonValue(d))))).Distinct().ToList();
            ids.Sort();
            var few = end - first <= TimeSpan.FromDays(7) ? null : links.FindAll().ToDictionary(l => l.Id, l => (ShareLink?)l, StringComparer.Ordinal);
            return Read(ids, (_, at) => at >= first && at < end, known: few);
        }

        var found = from is { } start ? batches.Query().Where(LiteDbFilter.Of("$.To >= {0}", start.UtcDateTime).ToExpression()) : batches.Query();

        // A period's clicks are on most links: one pass over the links costs less than looking each up.
        var known = links.FindAll().ToDictionary(l => l.Id, l => (ShareLink?)l, StringComparer.Ordinal);
        return Read(IdsOf(found), (_, at) => (from is null || at >= from) && (to is null || at < to), known: known);
    }

    /// <summary>The batches holding a click on any of these items.</summary>
    private List<BsonValue> InItems(IEnumerable<string> itemIds) =>
        [.. itemIds.SelectMany(item => IdsOf(batches.Query().Where(BsonExpression.Create("$.Items[*] ANY = @0", new BsonValue(item))))).Distinct()];

    /// <summary>
    /// The ids of the batches found, in the order they were written. Only the ids are read here; each batch is then read
    /// on its own, so no query stays open while the caller works (a LiteDB read belongs to its thread and blocks a
    /// checkpoint until it ends).
    /// </summary>
    private static List<BsonValue> IdsOf(ILiteQueryable<BsonDocument> found)
    {
        var ids = found.Select(BsonExpression.Create("{ id: $._id }")).ToEnumerable().Select(d => d["id"]).ToList();
        ids.Sort();
        return ids;
    }

    /// <summary>
    /// The clicks of these batches that <paramref name="keep"/> keeps; with <paramref name="codes"/>, only clicks on those
    /// links. Links are looked up once per read, or taken from <paramref name="known"/>.
    /// </summary>
    private IEnumerable<StoredClick> Read(
        List<BsonValue> ids, Func<ShareLink, DateTimeOffset, bool> keep, HashSet<string>? codes = null, Dictionary<string, ShareLink?>? known = null)
    {
        known ??= new Dictionary<string, ShareLink?>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var rows = batches.FindById(id) is { } batch ? ClickRows.RowsOf(batch) : [];
            for (var i = 0; i < ClickRows.CountOf(rows); i++)
            {
                var at = ClickRows.AtOf(rows, i);
                if (LinkOf(rows, i, known, codes) is { } link && keep(link, at))
                {
                    yield return new StoredClick(link, ClickRows.ChannelOf(rows, i), ClickRows.VisitorOf(rows, i), at);
                }
            }
        }
    }

    /// <summary>The link of a row, read once per read (a batch has many clicks on the same links).</summary>
    private ShareLink? LinkOf(byte[] rows, int index, Dictionary<string, ShareLink?> known, HashSet<string>? codes)
    {
        Span<char> code = stackalloc char[ShareCodes.Length];
        ClickRows.CodeOf(rows, index, code);
        if (codes is not null && !codes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(code))
        {
            return null;
        }

        if (!known.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(code, out var link))
        {
            var id = new string(code);
            link = links.FindById(id);
            known.Add(id, link);
        }

        return link;
    }
}
