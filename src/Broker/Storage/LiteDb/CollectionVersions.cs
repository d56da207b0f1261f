using System.Collections.Concurrent;

namespace Broker.Storage.LiteDb;

/// <summary>
/// A counter per LiteDB collection, moved by <see cref="WriterTurnEngine"/> only after a write is committed (visible to
/// any reader that starts after), so a version read before a read never belongs to data older than the read's.
/// </summary>
internal sealed class CollectionVersions : IChangeVersions
{
    private readonly ConcurrentDictionary<string, Counter> counters = new(StringComparer.OrdinalIgnoreCase);
    private long everything;

    // The collection that holds each kind of data the rest of the broker asks about.
    private static readonly Dictionary<ChangedData, string> Holding = new()
    {
        [ChangedData.Items] = LiteDbItemStore.Name,
        [ChangedData.Deliveries] = LiteDbDeliveryStore.Name,
        [ChangedData.ArchivedDeliveries] = LiteDbArchiveStore.DeliveriesName,
    };

    long IChangeVersions.Of(IReadOnlyList<ChangedData> data) => Of([.. data.Select(d => Holding[d])]);

    /// <summary>The version of <paramref name="collections"/> together (LiteDB's collection names, e.g. <c>items</c>).</summary>
    public long Of(IReadOnlyList<string> collections)
    {
        var sum = Interlocked.Read(ref everything);
        foreach (var collection in collections)
        {
            sum += counters.TryGetValue(collection, out var counter) ? Interlocked.Read(ref counter.Value) : 0;
        }

        return sum;
    }

    /// <summary>After a commit that wrote to <paramref name="collection"/>.</summary>
    public void Moved(string collection) => Interlocked.Increment(ref counters.GetOrAdd(collection, _ => new Counter()).Value);

    /// <summary>After a change to the whole file (a rebuild).</summary>
    public void MovedAll() => Interlocked.Increment(ref everything);

    private sealed class Counter
    {
        public long Value;
    }
}
