using System.Collections.Concurrent;

namespace Broker.Sharing;

/// <summary>
/// Codes that resolved to nothing, remembered for a while so a dead link clicked a thousand times is read once. Anyone
/// can make up codes, so the cache is bounded by the bytes it holds (<see cref="SharingOptions.UnknownCodeCacheBytes"/>):
/// past the budget the expired entries go first, then as many others as it takes to get back to half of it.
/// </summary>
internal sealed class UnknownCodeCache(long budgetBytes)
{
    /// <summary>A dictionary node, its bucket and a string's header: what an entry costs besides the code's characters.</summary>
    private const int EntryOverhead = 96;

    private readonly ConcurrentDictionary<string, DateTimeOffset> entries = new(StringComparer.Ordinal);
    private readonly Lock trimming = new();
    private long bytes;

    /// <summary>The bytes the entries are counted as: <see cref="EntryOverhead"/> plus two per character each.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    public bool Contains(string code, DateTimeOffset now) => entries.TryGetValue(code, out var until) && until > now;

    public void Add(string code, DateTimeOffset until, DateTimeOffset now)
    {
        if (!entries.TryAdd(code, until))
        {
            entries[code] = until;
            return;
        }

        if (Interlocked.Add(ref bytes, SizeOf(code)) > budgetBytes)
        {
            Trim(now);
        }
    }

    private void Trim(DateTimeOffset now)
    {
        lock (trimming)
        {
            if (Bytes <= budgetBytes)
            {
                return;
            }

            foreach (var (code, until) in entries)
            {
                if (until <= now)
                {
                    Remove(code);
                }
            }

            foreach (var (code, _) in entries)
            {
                if (Bytes <= budgetBytes / 2)
                {
                    break;
                }

                Remove(code);
            }
        }
    }

    private void Remove(string code)
    {
        if (entries.TryRemove(code, out _))
        {
            Interlocked.Add(ref bytes, -SizeOf(code));
        }
    }

    private static long SizeOf(string code) => EntryOverhead + (2L * code.Length);
}
