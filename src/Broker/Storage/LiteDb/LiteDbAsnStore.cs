using Broker.Asn;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbAsnStore : LiteDbCollection<AsnRecord>, IAsnStore
{
    private const string NameKey = "NameKey";

    public LiteDbAsnStore(BrokerDatabase database)
        : base(database, "asn")
    {
        Index(a => a.Opd);
        Database.Write(() => Collection.EnsureIndex(NameKey, "LOWER($.Name)"));
    }

    public Task<IReadOnlyList<AsnRecord>> PageAsync(AsnPageQuery query, CancellationToken cancellationToken)
    {
        var conditions = new List<BsonExpression> { Query.GT("_id", query.After is null ? BsonValue.MinValue : new BsonValue(query.After)) };
        if (query.Opd is { } opd)
        {
            conditions.Add(Query.EQ(nameof(AsnRecord.Opd), opd));
        }

        if (query.SearchesNip)
        {
            conditions.Add(Query.Between("_id", query.NipRange.From, query.NipRange.To));
        }
        else if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // The prefix as a literal (a parameter in LIKE breaks LiteDB 5's index choice with a NullReferenceException).
            conditions.Add(Query.StartsWith("LOWER($.Name)", Like(query.NamePrefix)));
        }

        var where = conditions.Count == 1 ? conditions[0] : Query.And([.. conditions]);
        IReadOnlyList<AsnRecord> page = [.. Collection.Query().Where(where).OrderBy("_id").Limit(query.Limit).ToEnumerable()];
        return Task.FromResult(page);
    }

    // LiteDB's LIKE has no escape: a '%' typed in a search is read as '_' (any one character), a little wider but never less.
    private static string Like(string prefix) => prefix.Replace("%", "_", StringComparison.Ordinal);

    public Task<IReadOnlyList<AsnRecord>> ListAsync(string? opd, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AsnRecord>>((opd is null ? Collection.FindAll() : Collection.Find(a => a.Opd == opd)).OrderBy(a => a.Name, StringComparer.Ordinal).ToList());

    public Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> nips, CancellationToken cancellationToken)
    {
        var wanted = nips.ToHashSet(StringComparer.Ordinal);
        IReadOnlySet<string> found = Collection.Query().Select(a => a.Id).ToEnumerable().Where(wanted.Contains).ToHashSet(StringComparer.Ordinal);
        return Task.FromResult(found);
    }

    public Task<bool> TryAddAsync(AsnRecord record, CancellationToken cancellationToken)
    {
        try
        {
            Database.Write(() => Collection.Insert(record));
            return Task.FromResult(true);
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    public Task AddAllAsync(IReadOnlyList<AsnRecord> records, CancellationToken cancellationToken)
    {
        // InsertBulk runs in one transaction of its own: a failure rolls the whole import back.
        try
        {
            Database.Write(() => Collection.InsertBulk(records, batchSize: Math.Max(records.Count, 1)));
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            throw new DuplicateKeyException($"The ASN import was not stored: a NIP is already in the directory or twice in the import ({ex.Message}).", ex);
        }

        return Task.CompletedTask;
    }
}
