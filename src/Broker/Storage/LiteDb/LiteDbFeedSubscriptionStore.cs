using Broker.Feeds;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbFeedSubscriptionStore : LiteDbCollection<FeedSubscription>, IFeedSubscriptionStore
{
    public LiteDbFeedSubscriptionStore(BrokerDatabase database)
        : base(database, "feedsubscriptions")
    {
        Database.Write(() => Collection.EnsureIndex(s => s.Key, unique: true));
        Index(s => s.Opd);
    }

    public async Task<IReadOnlyList<FeedSubscription>> ListAsync(string? opd, CancellationToken cancellationToken)
    {
        var found = opd is null ? await FindAsync(_ => true) : await FindAsync(s => s.Opd == opd);
        return [.. found
            .Where(s => opd is null || string.Equals(s.Opd, opd, StringComparison.Ordinal))
            .OrderBy(s => s.CreatedAt)
            .ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    // Read whole and filtered here: subscriptions are a few per OPD, and LiteDB keeps DateTimeOffset as a document.
    public Task<IReadOnlyList<FeedSubscription>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FeedSubscription>>([.. Collection.FindAll()
            .Where(s => s.NextPollAt <= now)
            .OrderBy(s => s.NextPollAt)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .Take(limit)]);

    // The check and the write in one turn of the single writer: of two writers over one version, one wins.
    public new Task<bool> UpdateAsync(FeedSubscription subscription, CancellationToken cancellationToken)
    {
        var read = subscription.Version;
        subscription.Version = read + 1;
        var document = Database.Database.Mapper.ToDocument(subscription);
        subscription.Version = read;
        return Database.WriteAsync(() =>
        {
            if (Collection.FindById(subscription.Id) is not { } stored || !Exact(stored.Id, subscription.Id) || stored.Version != read)
            {
                return false;
            }

            Database.Database.GetCollection("feedsubscriptions").Update(document);
            subscription.Version = read + 1;
            return true;
        });
    }

    public Task<bool> DeleteAsync(string id, long version, CancellationToken cancellationToken) =>
        Database.WriteAsync(() => Collection.FindById(id) is { } stored && Exact(stored.Id, id) && stored.Version == version && Collection.Delete(id));

    private static bool Exact(string found, string wanted) => string.Equals(found, wanted, StringComparison.Ordinal);
}
