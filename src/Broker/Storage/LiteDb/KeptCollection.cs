namespace Broker.Storage.LiteDb;

/// <summary>
/// The whole of a small collection that many requests read (the channel accounts, the OPDs), read once per version of
/// the collection (<see cref="CollectionVersions"/>: it moves after each committed write to it) and kept in memory. The
/// version is taken before the read, so what is kept is never older than a fresh read would be: a write that lands
/// during the read leaves the list under the old version, which nothing asks for again. The kept entities are shared:
/// callers hand out copies.
/// </summary>
internal sealed class KeptCollection<T>(BrokerDatabase database, string name, Func<IEnumerable<T>> read)
    where T : class
{
    private readonly string[] collections = [name];
    private volatile Kept? kept;

    /// <summary>Every entity, as <c>read</c> gave them at the collection's current version or later.</summary>
    public IReadOnlyList<T> Current()
    {
        var version = database.Versions.Of(collections);
        if (kept is { } known && known.Version == version)
        {
            return known.All;
        }

        T[] all = [.. read()];
        kept = new Kept(version, all);
        return all;
    }

    private sealed record Kept(long Version, T[] All);
}
