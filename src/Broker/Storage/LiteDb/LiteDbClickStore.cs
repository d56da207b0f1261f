using Broker.Sharing;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbClickStore : LiteDbCollection<Click>, IClickStore
{
    public LiteDbClickStore(BrokerDatabase database)
        : base(database, "clicks")
    {
        Index(c => c.ItemId);
        Index(c => c.Nip);
    }

    public Task AddAllAsync(IReadOnlyList<Click> clicks, CancellationToken cancellationToken)
    {
        Database.Write(() => Collection.InsertBulk(clicks, batchSize: Math.Max(clicks.Count, 1)));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Click>> ListByItemAsync(string itemId, CancellationToken cancellationToken) => FindAsync(c => c.ItemId == itemId);

    public Task<IReadOnlyList<Click>> ListByNipAsync(string nip, CancellationToken cancellationToken) => FindAsync(c => c.Nip == nip);

    public Task<IReadOnlyList<Click>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Click>>(Collection.FindAll().Where(c => (from is null || c.At >= from) && (to is null || c.At < to)).ToList());

    public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult(Collection.LongCount());
}
