using Broker.Accounts;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbAccountStore : LiteDbCollection<Account>, IAccountStore
{
    public const string Name = "accounts";

    private static readonly string[] Collections = [Name];

    // Every account, in id order, as read at a version of the collection (CollectionVersions).
    private volatile Kept? kept;

    public LiteDbAccountStore(BrokerDatabase database)
        : base(database, Name)
    {
        Index(a => a.Opd);
    }

    /// <summary>
    /// In id order, as on every provider. A city has tens of accounts and every delivery list and page reads them for
    /// who sees what, so the whole list is read once per version of the collection (it moves after each committed write
    /// to it) and kept: each call costs copies of the accounts, which the caller may change, not a read of the collection
    /// and the mapping of each document.
    /// </summary>
    public Task<IReadOnlyList<Account>> ListAsync(string? opd, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var all = Current();
        return Task.FromResult<IReadOnlyList<Account>>([.. all.Where(a => opd is null || string.Equals(a.Opd, opd, StringComparison.Ordinal)).Select(a => a.Copy())]);
    }

    // The version is taken before the read, so a list is never kept under a version newer than the data it was read from.
    private Account[] Current()
    {
        var version = Database.Versions.Of(Collections);
        if (kept is { } known && known.Version == version)
        {
            return known.All;
        }

        Account[] all = [.. Collection.FindAll().OrderBy(a => a.Id, StringComparer.Ordinal)];
        kept = new Kept(version, all);
        return all;
    }

    private sealed record Kept(long Version, Account[] All);
}
