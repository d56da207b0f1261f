using Broker.Intake;
using Broker.Scheduling;

namespace Broker.Storage;

/// <summary>Reads items and inserts new ones; every change of a stored item goes through <see cref="IStateChanges"/>.</summary>
public interface IItemStore
{
    Task<Item?> GetAsync(string id, CancellationToken cancellationToken);

    Task AddAsync(Item item, CancellationToken cancellationToken);

    Task<IReadOnlyList<Item>> ListAsync(ItemStatus? status, string? opd, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> items of <paramref name="query"/> after <paramref name="after"/> (null: from the
    /// first) in (creation time, id) order, read through an index range: a page costs the same over years of items.
    /// </summary>
    Task<Page<Item>> ListPageAsync(ItemListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The page <see cref="ListPageAsync"/> reads, with only the fields a list shows (<see cref="ItemSummary"/>): no
    /// item's texts are read into memory.
    /// </summary>
    Task<Page<ItemSummary>> ListSummariesAsync(ItemListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> items open for sharing at <paramref name="at"/> (shared, not retracted, with no end
    /// or an end after it), latest shared first (then by id, descending). The share lists read these, through an index of
    /// the open items' ends read as a range from <paramref name="at"/>: neither every item nor every item ever shared.
    /// </summary>
    Task<IReadOnlyList<Item>> ListOpenAsync(DateTimeOffset at, int limit, CancellationToken cancellationToken);

    /// <summary>The titles of the items of <paramref name="ids"/> that exist, read in one query without their bodies.</summary>
    Task<IReadOnlyDictionary<string, string>> GetTitlesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>The approved items with how many accounts each goes to, without their texts, in id order, read through an index of the approved ones.</summary>
    IAsyncEnumerable<ApprovedItem> ListApprovedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The items whose deliveries may be published (approved, published or failed; a failed item's other deliveries go
    /// on), as <see cref="ListApprovedAsync"/> reads them.
    /// </summary>
    IAsyncEnumerable<ApprovedItem> ListLiveAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The latest <paramref name="limit"/> items that reached a channel (first published, still approved, published or
    /// failed), newest first publication first; of one OPD, or of all when <paramref name="opd"/> is null. The public feeds.
    /// </summary>
    Task<IReadOnlyList<Item>> ListPublishedAsync(string? opd, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The items not yet warned of their two-hour deadline whose event ended after <paramref name="after"/> and at or
    /// before <paramref name="upTo"/>, still on their way (submitted, sent back, approved or failed: not published, not rejected).
    /// </summary>
    Task<IReadOnlyList<Item>> ListDeadlineCandidatesAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> items created in [<paramref name="from"/>, <paramref name="to"/>), in (creation time,
    /// id) order, after <paramref name="after"/> (null: from the start): a page at a time, each read by one index range from
    /// the cursor on, so a long period is never read whole, not even once per page.
    /// </summary>
    Task<IReadOnlyList<Item>> ListCreatedAsync(DateTimeOffset from, DateTimeOffset to, PageCursor? after, int limit, CancellationToken cancellationToken);
}
