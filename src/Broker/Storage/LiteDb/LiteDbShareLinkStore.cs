using Broker.Sharing;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbShareLinkStore : LiteDbCollection<ShareLink>, IShareLinkStore
{
    public LiteDbShareLinkStore(BrokerDatabase database)
        : base(database, "sharelinks")
    {
        Database.Write(() =>
        {
            Collection.EnsureIndex(l => l.Key, unique: true);
            Collection.EnsureIndex(l => l.CreatedAt);
        });
    }

    public Task<ShareLink> GetOrAddAsync(ShareLink candidate, CancellationToken cancellationToken)
    {
        if (Collection.FindOne(KeyIs(candidate.Key)) is { } existing)
        {
            return Task.FromResult(existing);
        }

        try
        {
            Database.Write(() => Collection.Insert(candidate));
            return Task.FromResult(candidate);
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            // Another request made the same ASN's link to the same item at the same moment: theirs stands.
            return Task.FromResult(Collection.FindOne(KeyIs(candidate.Key)));
        }
    }

    public async Task<IReadOnlyDictionary<string, ShareLink>> GetOrAddAllAsync(IReadOnlyList<ShareLink> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return new Dictionary<string, ShareLink>(StringComparer.Ordinal);
        }

        var nip = ShareLinkBatch.OneNip(candidates);
        var links = new Dictionary<string, ShareLink>(await FindAsync(nip, [.. candidates.Select(c => c.ItemId)], cancellationToken), StringComparer.Ordinal);
        var missing = candidates.Where(c => !links.ContainsKey(c.ItemId)).DistinctBy(c => c.ItemId, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            // One write turn: no other write runs between a look-up and its insert, and the log is flushed once.
            Database.Write(() =>
            {
                foreach (var candidate in missing)
                {
                    if (Collection.FindOne(KeyIs(candidate.Key)) is { } existing)
                    {
                        links[candidate.ItemId] = existing;
                    }
                    else
                    {
                        Collection.Insert(candidate);
                        links[candidate.ItemId] = candidate;
                    }
                }
            });
        }

        return links;
    }

    public Task<IReadOnlyDictionary<string, ShareLink>> FindAsync(string nip, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (itemIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, ShareLink>>(new Dictionary<string, ShareLink>(StringComparer.Ordinal));
        }

        var found = LiteDbFilter.FindExact(itemIds.Select(id => ShareLink.KeyOf(nip, id)), $"$.{nameof(ShareLink.Key)}", filter => Collection.Find(filter), l => l.Key);
        return Task.FromResult<IReadOnlyDictionary<string, ShareLink>>(found.ToDictionary(l => l.ItemId, StringComparer.Ordinal));
    }

    // A period's links through the CreatedAt index (the amplification report reads a day's): one index range (its end kept
    // again as a filter, since a range includes its end).
    public Task<IReadOnlyList<ShareLink>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ShareLink>>(Collection.Find(LiteDbFilter.Of(
                $"$.{nameof(ShareLink.CreatedAt)} BETWEEN {{0}} AND {{1}}",
                from is { } start ? new BsonValue(start.UtcDateTime) : BsonValue.MinValue,
                to is { } end ? new BsonValue(end.UtcDateTime) : BsonValue.MaxValue).ToExpression())
            .Where(l => (from is null || l.CreatedAt >= from) && (to is null || l.CreatedAt < to))
            .OrderBy(l => l.CreatedAt)
            .ThenBy(l => l.Id, StringComparer.Ordinal)
            .ToList());

    /// <summary>The link of a key, as a parameterised expression (compiled once, not translated from a lambda each call).</summary>
    private static BsonExpression KeyIs(string key) => LiteDbFilter.Of($"$.{nameof(ShareLink.Key)} = {{0}}", key).ToExpression();
}
