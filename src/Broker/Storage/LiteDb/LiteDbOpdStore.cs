using Broker.Accounts;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbOpdStore(BrokerDatabase database) : LiteDbCollection<Opd>(database, "opds"), IOpdStore
{
    public Task<bool> TryAddAsync(Opd opd, CancellationToken cancellationToken)
    {
        try
        {
            Database.Write(() => Collection.Insert(opd));
            return Task.FromResult(true);
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    public Task<IReadOnlyList<Opd>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Opd>>(Collection.FindAll().OrderBy(o => o.Id, StringComparer.Ordinal).ToList());
}
