using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Intake;

/// <summary>
/// The last answers of <c>GET /api/items</c>, as the JSON sent, each kept with the version of the items, deliveries and
/// archived deliveries it was read at (<see cref="IChangeVersions"/>, taken before the reads). An answer is given again
/// only while that version has not moved, so it is never older than a fresh read would be: any committed change to an
/// item or a delivery, a publication or a status, makes the next request read afresh. Editors and dashboards polling the
/// first page between two changes cost one read between them instead of one each. Keyed by the caller (what they may
/// see) and the request's whole path and query (the page, its filters, its next link). Kept within
/// <see cref="StorageOptions.ItemListCacheBytes"/>, least recently used out first; off with PostgreSQL, where another
/// node's write would not move the version.
/// </summary>
public sealed class ItemListCache
{
    /// <summary>What an item list reads.</summary>
    private static readonly ChangedData[] Read = [ChangedData.Items, ChangedData.Deliveries, ChangedData.ArchivedDeliveries];

    /// <summary>The most requests remembered as asked once (<see cref="Wanted"/>); past it, they are forgotten together.</summary>
    private const int MostAsked = 1024;

    private readonly IChangeVersions? versions;
    private readonly long budget;
    private readonly Lock turn = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> asked = new(StringComparer.Ordinal);
    private long bytes;
    private long uses;
    private long hits;
    private long misses;

    public ItemListCache(IOptions<StorageOptions> options, IChangeVersions? versions = null)
    {
        this.versions = versions;
        budget = versions is null ? 0 : options.Value.ItemListCacheBytes;
    }

    /// <summary>Answers given again, and answers read afresh while the cache was on (for tests).</summary>
    public (long Hits, long Misses) Counts => (Interlocked.Read(ref hits), Interlocked.Read(ref misses));

    /// <summary>The version to read at, taken before any read; null when the cache is off.</summary>
    public long? Version() => budget > 0 ? versions!.Of(Read) : null;

    /// <summary>The answer kept for <paramref name="key"/> if it was read at <paramref name="version"/>.</summary>
    public Entry? Find(string key, long version)
    {
        lock (turn)
        {
            if (entries.TryGetValue(key, out var entry) && entry.Version == version)
            {
                entry.LastUse = ++uses;
                hits++;
                return entry;
            }

            misses++;
            return null;
        }
    }

    /// <summary>
    /// Whether an answer to <paramref name="key"/> read at <paramref name="version"/> is worth keeping: only when the same
    /// was asked before at that version. A request made once (a page followed once, a filter tried) is then streamed as
    /// before, and costs no copy of its answer: a whole answer is one array on the large-object heap, which only a full
    /// collection frees, and copying every answer of a list read afresh each time grew the working set by 40 MB.
    /// </summary>
    public bool Wanted(string key, long version)
    {
        lock (turn)
        {
            if (asked.TryGetValue(key, out var before) && before == version)
            {
                return true;
            }

            if (asked.Count >= MostAsked)
            {
                asked.Clear();
            }

            asked[key] = version;
            return false;
        }
    }

    /// <summary>Keeps an answer read at <paramref name="version"/>; answers of older versions are dropped first.</summary>
    public void Keep(string key, long version, byte[] json, PageCursor? next)
    {
        if (json.LongLength > budget)
        {
            return;
        }

        lock (turn)
        {
            // Read at an older version than one kept (a slow reader): the next request could not use it.
            if (entries.Values.Any(e => e.Version > version))
            {
                return;
            }

            foreach (var (oldKey, old) in entries.Where(e => e.Value.Version < version || e.Key == key).ToList())
            {
                Remove(oldKey, old);
            }

            while (bytes + json.LongLength > budget)
            {
                var (lruKey, lru) = entries.MinBy(e => e.Value.LastUse);
                Remove(lruKey, lru);
            }

            entries[key] = new Entry(version, json, next) { LastUse = ++uses };
            bytes += json.LongLength;
        }
    }

    private void Remove(string key, Entry entry)
    {
        entries.Remove(key);
        bytes -= entry.Json.LongLength;
    }

    /// <summary>One kept answer: its version, its JSON, and the cursor of the next page, if there is one.</summary>
    public sealed record Entry(long Version, byte[] Json, PageCursor? Next)
    {
        internal long LastUse { get; set; }
    }
}
