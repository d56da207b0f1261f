using System.Collections.Concurrent;

namespace Broker.Storage.LiteDb;

/// <summary>
/// The titles of items listed beside their deliveries (the calendar, <c>/pengiriman</c>): LiteDB reads a whole document
/// to project a field of it, so each title read the item's body too, half the cost of those pages at a year's size. An
/// item's title changes only through <see cref="LiteDbStateChanges"/>, which forgets the item once its change is stored.
/// A read that overlapped a change is not kept (<see cref="Epoch"/>), so the cache never holds a title older than the
/// store's. Bounded: past <see cref="Capacity"/> titles it starts again empty. One per database file (one process owns a
/// LiteDB file); PostgreSQL, where other nodes change items, has none.
/// </summary>
internal sealed class ItemTitleCache
{
    /// <summary>Titles kept at most (a few MB).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, string> titles = new(StringComparer.Ordinal);

    // Add and Forget take turns: a title read before a change is either refused by the epoch or removed by the Forget
    // that follows the change's commit.
    private readonly Lock turn = new();

    private long epoch;

    /// <summary>Taken before reading titles from the store, and handed back to <see cref="Keep"/>.</summary>
    public long Epoch => Interlocked.Read(ref epoch);

    public bool TryGet(string id, out string title) => titles.TryGetValue(id, out title!);

    /// <summary>Keeps titles read from the store since <paramref name="readFrom"/>, unless an item changed meanwhile.</summary>
    public void Keep(long readFrom, IEnumerable<KeyValuePair<string, string>> read)
    {
        lock (turn)
        {
            if (Interlocked.Read(ref epoch) != readFrom)
            {
                return;
            }

            foreach (var (id, title) in read)
            {
                if (titles.Count >= Capacity)
                {
                    titles.Clear();
                }

                titles[id] = title;
            }
        }
    }

    /// <summary>Called once a change of these items is stored: their titles are read from the store again.</summary>
    public void Forget(IEnumerable<string> itemIds)
    {
        lock (turn)
        {
            Interlocked.Increment(ref epoch);
            foreach (var id in itemIds)
            {
                titles.TryRemove(id, out _);
            }
        }
    }
}
