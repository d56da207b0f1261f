using Broker.Intake;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Sharing;

/// <summary>
/// The items open for sharing (shared, not retracted, not ended), latest shared first, each with its share text: the
/// source of every share list. They are read from the store and their texts rendered at most once per
/// <see cref="SharingOptions.OpenItemsCacheTime"/>, not once per view: a share list then costs its ASN's own reads only.
/// This node's openings, closings and retractions call <see cref="Forget"/> and show at once; other nodes' within that time.
/// </summary>
public sealed class OpenItems(IItemStore items, ShareLinks links, IOptions<SharingOptions> options, TimeProvider time)
{
    /// <summary>The most open items kept, latest shared first: many times what a city has open at once.</summary>
    public const int MostKept = 1000;

    private readonly SemaphoreSlim reading = new(1, 1);

    private Snapshot? current;

    private long generation;

    /// <summary>An open item and the text its intents carry.</summary>
    public sealed record Open(Item Item, string Text)
    {
        /// <summary>The text escaped for a query string, once per item rather than three times per item per share list.</summary>
        public string EscapedText { get; } = Uri.EscapeDataString(Text);
    }

    private sealed record Snapshot(IReadOnlyList<Open> Items, DateTimeOffset Until, long Generation);

    /// <summary>The open items; an item whose sharing ended since they were read is still in it (callers check the end).</summary>
    public async Task<IReadOnlyList<Open>> ListAsync(CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref current)) is { } hit)
        {
            return hit.Items;
        }

        // One reader at a time: twenty views arriving together read the store once.
        await reading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(current) is { } again)
            {
                return again.Items;
            }

            // Taken before the read: a Forget during it leaves this snapshot stale at once, so nothing committed before
            // a Forget is ever hidden by a read that began earlier.
            var seen = Interlocked.Read(ref generation);
            var read = await ReadAsync(cancellationToken);
            Volatile.Write(ref current, new Snapshot(read, time.GetUtcNow() + options.Value.OpenItemsCacheTime, seen));
            return read;
        }
        finally
        {
            reading.Release();
        }
    }

    /// <summary>Drops the kept list: an item was opened, closed or retracted on this node (after its commit).</summary>
    public void Forget() => Interlocked.Increment(ref generation);

    private Snapshot? Fresh(Snapshot? snapshot) =>
        snapshot is not null && snapshot.Generation == Interlocked.Read(ref generation) && snapshot.Until > time.GetUtcNow() ? snapshot : null;

    private async Task<List<Open>> ReadAsync(CancellationToken cancellationToken)
    {
        var open = new List<Open>();
        foreach (var item in await items.ListOpenAsync(time.GetUtcNow(), MostKept, cancellationToken))
        {
            open.Add(new Open(item, await links.TextAsync(item, cancellationToken)));
        }

        return open;
    }
}
