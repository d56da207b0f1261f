using Broker.Asn;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbAsnStore : LiteDbCollection<AsnRecord>, IAsnStore
{
    public LiteDbAsnStore(BrokerDatabase database)
        : base(database, "asn")
    {
        Index(a => a.Opd);
    }

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
