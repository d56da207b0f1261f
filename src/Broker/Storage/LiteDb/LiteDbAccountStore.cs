using Broker.Accounts;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbAccountStore : LiteDbCollection<Account>, IAccountStore
{
    public LiteDbAccountStore(BrokerDatabase database)
        : base(database, "accounts")
    {
        Index(a => a.Opd);
    }

    public Task<IReadOnlyList<Account>> ListAsync(string? opd, CancellationToken cancellationToken) =>
        opd is null ? FindAsync(_ => true) : FindAsync(a => a.Opd == opd);
}
