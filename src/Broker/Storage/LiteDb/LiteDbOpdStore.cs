using Broker.Accounts;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbOpdStore : LiteDbCollection<Opd>, IOpdStore
{
    public const string Name = "opds";

    private readonly KeptCollection<Opd> all;

    public LiteDbOpdStore(BrokerDatabase database)
        : base(database, Name)
    {
        all = new KeptCollection<Opd>(database, Name, () => Collection.FindAll().OrderBy(o => o.Id, StringComparer.Ordinal));
    }

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

    // Every page and list that names OPDs reads them all (the review queue, the directory, the reports): kept per version
    // of the collection, as the accounts are, and handed out as copies.
    public Task<IReadOnlyList<Opd>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<Opd>>([.. all.Current().Select(o => o.Copy())]);
    }
}
