using System.Collections.Concurrent;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Entities found by a unique key in a collection that many requests read one entity of (the users, each API request and
/// page signing in through one), kept per version of the collection (<see cref="CollectionVersions"/>) as
/// <see cref="KeptCollection{T}"/> keeps a whole one. The version is taken before the read, so a kept entity is never
/// older than a fresh read would be: a revocation, an expiry moved or a token rotated is a committed write, which moves
/// the version, and the next look-up reads afresh. Only entities found are kept (a key that finds nothing, a wrong
/// token, is read each time and cannot fill the memory), at most <see cref="Most"/>, past which the kept ones are
/// forgotten together. The kept entities are shared: callers hand out copies.
/// </summary>
internal sealed class KeptLookups<T>(BrokerDatabase database, string name)
    where T : class
{
    /// <summary>The most entities kept under one version.</summary>
    public const int Most = 4096;

    private readonly string[] collections = [name];
    private volatile Kept? kept;

    /// <summary>The entity <paramref name="key"/> finds, as <paramref name="read"/> gives it at the current version or later.</summary>
    public T? Find(string key, Func<string, T?> read)
    {
        var version = database.Versions.Of(collections);
        var known = kept;
        if (known is null || known.Version != version)
        {
            known = new Kept(version);
            kept = known;
        }

        if (known.Found.TryGetValue(key, out var found))
        {
            return found;
        }

        found = read(key);
        if (found is not null)
        {
            if (known.Found.Count >= Most)
            {
                known.Found.Clear();
            }

            known.Found[key] = found;
        }

        return found;
    }

    private sealed class Kept(long version)
    {
        public long Version { get; } = version;

        public ConcurrentDictionary<string, T> Found { get; } = new(StringComparer.Ordinal);
    }
}
