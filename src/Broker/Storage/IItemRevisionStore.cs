using Broker.Intake;

namespace Broker.Storage;

/// <summary>
/// Reads the versions of items' content, oldest first. They are written only with the change that made them
/// (<see cref="StateChange.Insert(ItemRevision)"/>), so a version exists exactly when its change was stored.
/// </summary>
public interface IItemRevisionStore
{
    Task<IReadOnlyList<ItemRevision>> ListAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>The revisions of several items at once (a page of the records export).</summary>
    Task<IReadOnlyList<ItemRevision>> ListByItemsAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken);
}
