using Broker.Sharing;

namespace Broker.Storage;

/// <summary>
/// Clicks on share links. Readers get the clicks one at a time as the store reads them, so counting a city's clicks
/// never holds them all in memory.
/// </summary>
public interface IClickStore
{
    /// <summary>Stores a batch of clicks in one transaction.</summary>
    Task AddAllAsync(IReadOnlyList<Click> clicks, CancellationToken cancellationToken);

    /// <summary>Every click on the item's links.</summary>
    IEnumerable<StoredClick> ReadByItem(string itemId);

    /// <summary>Every click on one ASN's links (their share page shows their own counts).</summary>
    IEnumerable<StoredClick> ReadByNip(string nip);

    /// <summary>The clicks made from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive); null: no bound.</summary>
    IEnumerable<StoredClick> ReadBetween(DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>
    /// Replaces the visitor hash of every click made before <paramref name="cutoff"/> that still has one by a pseudonym
    /// under a random key used for this call only and then forgotten: equal hashes stay equal among the clicks of one call
    /// (unique counts hold), and none can be matched to a visitor again. Returns how many clicks it reached.
    /// </summary>
    Task<int> ForgetVisitorsBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
