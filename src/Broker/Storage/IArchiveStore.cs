using Broker.Dispatch;
using Broker.Intake;

namespace Broker.Storage;

/// <summary>
/// Finished work moved out of the working items and deliveries (<see cref="ArchiveRule"/>), so what recovery, scheduling,
/// the dispatcher, the review queue and the working lists read grows with the work at hand, not with the years behind it.
/// The item and delivery stores still find an archived one by id (and an archived item's deliveries), so links never
/// break; the reports and the records export read the archive beside the working rows.
/// </summary>
public interface IArchiveStore
{
    /// <summary>
    /// Moves up to <paramref name="limit"/> items that <see cref="ArchiveRule"/> finds finished before
    /// <paramref name="finishedBefore"/>, each with all its deliveries, in (creation time, id) order after
    /// <paramref name="after"/>: in one transaction, so a crash leaves each of them either wholly in the working rows or
    /// wholly in the archive, and two nodes moving at once never move one twice.
    /// </summary>
    Task<ArchiveBatch> ArchiveAsync(DateTimeOffset finishedBefore, PageCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the archived item <paramref name="itemId"/> back into the working rows with all its deliveries, unchanged
    /// (same versions), in one transaction: a late change to finished work (a retraction, a correction) then commits as
    /// on any working item. False when the item is not archived (never was, or a concurrent caller restored it first).
    /// </summary>
    Task<bool> RestoreAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="IDeliveryStore.ListRowsAsync"/>, over the archived deliveries, through their due-time index: the
    /// calendar of a past week reads both and merges them (an item's deliveries are in one or the other, never both).
    /// </summary>
    Task<Page<DeliveryRow>> ListRowsAsync(DeliveryListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>As <see cref="IItemStore.ListCreatedAsync"/>, over the archived items: the records export reads both.</summary>
    Task<IReadOnlyList<Item>> ListCreatedAsync(DateTimeOffset from, DateTimeOffset to, PageCursor? after, int limit, CancellationToken cancellationToken);
}
