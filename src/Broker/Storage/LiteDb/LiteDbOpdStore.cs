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

    // The check and the write in one turn of the single writer.
    public Task<bool> TryRenameAsync(string code, long expectedVersion, string name, CancellationToken cancellationToken) =>
        Database.WriteAsync(() =>
        {
            var opd = Exact(Collection.FindById(code), o => o.Id, code);
            if (opd is null || opd.Version != expectedVersion)
            {
                return false;
            }

            opd.Name = name;
            opd.Version++;
            return Collection.Update(opd);
        });

    public Task<IReadOnlyList<Opd>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Opd>>(Collection.FindAll().OrderBy(o => o.Id, StringComparer.Ordinal).ToList());
}
