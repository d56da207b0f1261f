using Broker.Accounts;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbAccountStore : LiteDbCollection<Account>, IAccountStore
{
    public const string Name = "accounts";

    private readonly KeptCollection<Account> all;

    public LiteDbAccountStore(BrokerDatabase database)
        : base(database, Name)
    {
        Index(a => a.Opd);
        all = new KeptCollection<Account>(database, Name, () => Collection.FindAll().OrderBy(a => a.Id, StringComparer.Ordinal));
    }

    /// <summary>
    /// In id order, as on every provider. A city has tens of accounts and every delivery list and page reads them for
    /// who sees what, so the whole list is kept per version of the collection (<see cref="KeptCollection{T}"/>): each
    /// call costs copies of the accounts, which the caller may change, not a read of the collection and the mapping of
    /// each document.
    /// </summary>
    public Task<IReadOnlyList<Account>> ListAsync(string? opd, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<Account>>(
            [.. all.Current().Where(a => opd is null || string.Equals(a.Opd, opd, StringComparison.Ordinal)).Select(a => a.Copy())]);
    }
}
