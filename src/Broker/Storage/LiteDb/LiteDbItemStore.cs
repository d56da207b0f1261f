using Broker.Intake;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbItemStore : LiteDbCollection<Item>, IItemStore
{
    public LiteDbItemStore(BrokerDatabase database)
        : base(database, "items")
    {
        Index(i => i.Status);
        Index(i => i.Opd);
    }

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
}
