using Broker.Intake;

namespace Broker.Storage.LiteDb;

/// <summary>Item revisions, one document each, found by item; inserted only by <see cref="LiteDbStateChanges"/>.</summary>
internal sealed class LiteDbItemRevisionStore : LiteDbCollection<ItemRevision>, IItemRevisionStore
{
    public const string Name = "itemrevisions";

    public LiteDbItemRevisionStore(BrokerDatabase database)
        : base(database, Name)
    {
        Index(r => r.ItemId);
    }

    public async Task<IReadOnlyList<ItemRevision>> ListAsync(string itemId, CancellationToken cancellationToken) =>
        [.. (await FindAsync(r => r.ItemId == itemId)).Where(r => string.Equals(r.ItemId, itemId, StringComparison.Ordinal)).OrderBy(r => r.ItemVersion)];

    public async Task<IReadOnlyList<ItemRevision>> ListByItemsAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var found = new List<ItemRevision>();
        foreach (var id in itemIds.Distinct(StringComparer.Ordinal))
        {
            found.AddRange(await ListAsync(id, cancellationToken));
        }

        return found;
    }
}
