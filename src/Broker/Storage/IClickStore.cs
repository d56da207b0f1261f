using Broker.Sharing;

namespace Broker.Storage;

/// <summary>
/// Clicks on share links. Readers get the clicks one at a time as the store reads them, so counting a city's clicks
/// never holds them all in memory. Clicks past the retention are purged and live on as daily counts per link
/// (<see cref="ClickDay"/>); a reader that counts adds both.
/// </summary>
public interface IClickStore
{
    /// <summary>Stores a batch of clicks in one transaction.</summary>
    Task AddAllAsync(IReadOnlyList<Click> clicks, CancellationToken cancellationToken);

    /// <summary>Every click on the item's links.</summary>
    IEnumerable<StoredClick> ReadByItem(string itemId);

    /// <summary>Every click on one ASN's links (their share page shows their own counts).</summary>
    IEnumerable<StoredClick> ReadByNip(string nip);

    /// <summary>
    /// One ASN's counts, per link and over all their links, the same figures as a tally of <see cref="ReadByNip"/> and
    /// <see cref="DaysOfNipAsync"/>, read from per-link counters kept with the clicks: the cost follows the ASN's own links
    /// and the visitors still held on them, not the clicks of everyone else in the same batches.
    /// </summary>
    Task<AsnClickCounts> CountsByNipAsync(string nip, CancellationToken cancellationToken);

    /// <summary>The clicks made from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive); null: no bound.</summary>
    IEnumerable<StoredClick> ReadBetween(DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>The time of the oldest click still held; null when there is none.</summary>
    Task<DateTimeOffset?> OldestAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Purges the clicks made from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), the whole of
    /// <paramref name="day"/>, on at most <paramref name="maxLinks"/> links, and adds their counts to the links'
    /// <see cref="ClickDay"/> of that day, in one transaction: a click is counted either raw or in its day, never both and
    /// never neither, whatever stops the purge. All of a link's clicks of the day go in one call, so its distinct visitors
    /// are exact. Returns how many clicks were purged; 0 when the day holds none.
    /// </summary>
    Task<int> RollUpAsync(DateOnly day, DateTimeOffset from, DateTimeOffset to, int maxLinks, CancellationToken cancellationToken);

    /// <summary>The rolled-up days of the item's links.</summary>
    Task<IReadOnlyList<ClickDay>> DaysOfItemAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>The rolled-up days of one ASN's links.</summary>
    Task<IReadOnlyList<ClickDay>> DaysOfNipAsync(string nip, CancellationToken cancellationToken);

    /// <summary>The rolled-up days from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive); null: no bound.</summary>
    Task<IReadOnlyList<ClickDay>> DaysBetweenAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken);
}
