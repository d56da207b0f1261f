using Broker.Sharing;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Clicks in batch documents (<see cref="ClickRows"/>), read back joined to their links. Share links are never deleted,
/// so every click finds its link.
/// </summary>
internal sealed class LiteDbClickStore : IClickStore
{
    private readonly BrokerDatabase database;
    private readonly ILiteCollection<BsonDocument> batches;
    private readonly ILiteCollection<ShareLink> links;

    public LiteDbClickStore(BrokerDatabase database)
    {
        this.database = database;
        batches = database.Collection<BsonDocument>("clickbatches");
        links = database.Collection<ShareLink>("sharelinks");
        database.Write(() =>
        {
            batches.EnsureIndex("To", "$.To");
            batches.EnsureIndex("Items", "$.Items[*]");
        });
        LegacyClicks.MoveToBatches(database, batches);
    }

    public Task AddAllAsync(IReadOnlyList<Click> clicks, CancellationToken cancellationToken)
    {
        if (clicks.Count > 0)
        {
            var batch = ClickRows.Batch(clicks);
            database.Write(() => batches.Insert(batch));
        }

        return Task.CompletedTask;
    }

    // A batch is reached once its newest click is older than the cutoff (batches span seconds); it is marked Forgotten.
    public async Task<int> ForgetVisitorsBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var ids = IdsOf(batches.Query().Where(Query.LT("To", cutoff.UtcDateTime)));
        var reached = 0;
        foreach (var id in ids)
        {
            if (batches.FindById(id) is not { } batch || batch["Forgotten"] == true)
            {
                continue;
            }

            ClickRows.Pseudonymize(ClickRows.RowsOf(batch), key);
            batch["Forgotten"] = true;
            await database.WriteAsync(() => batches.Update(batch));
            reached += ClickRows.CountOf(ClickRows.RowsOf(batch));
        }

        return reached;
    }

    public IEnumerable<StoredClick> ReadByItem(string itemId) =>
        Read(InItems([itemId]), (link, _) => string.Equals(link.ItemId, itemId, StringComparison.Ordinal));

    public IEnumerable<StoredClick> ReadByNip(string nip)
    {
        // The batches of the ASN's items hold other ASN's clicks too: only this ASN's codes are looked up.
        var theirs = links.Find(Query.StartsWith(nameof(ShareLink.Key), ShareLink.KeyOf(nip, ""))).Where(l => l.Nip == nip).ToList();
        var codes = theirs.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        return Read(InItems(theirs.Select(l => l.ItemId).Distinct(StringComparer.Ordinal)), (link, _) => string.Equals(link.Nip, nip, StringComparison.Ordinal), codes);
    }

    public IEnumerable<StoredClick> ReadBetween(DateTimeOffset? from, DateTimeOffset? to)
    {
        var found = from is { } start ? batches.Query().Where(Query.GTE("To", start.UtcDateTime)) : batches.Query();

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
