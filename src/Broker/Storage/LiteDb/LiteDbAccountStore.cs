using Broker.Accounts;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbAccountStore : LiteDbCollection<Account>, IAccountStore
{
    public const string Name = "accounts";

    public LiteDbAccountStore(BrokerDatabase database)
        : base(database, Name)
    {
        Index(a => a.Opd);
    }

    // In id order, as on every provider: LiteDB's index walk gives no order to accounts of one OPD.
    public async Task<IReadOnlyList<Account>> ListAsync(string? opd, CancellationToken cancellationToken)
    {
        var found = opd is null ? await FindAsync(_ => true) : await FindAsync(a => a.Opd == opd);
        return [.. found.OrderBy(a => a.Id, StringComparer.Ordinal)];
    }
}
