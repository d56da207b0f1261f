using Broker.Feeds;

namespace Broker.Storage;

/// <summary>Feed subscriptions; one per OPD and feed URL (a second is a <see cref="DuplicateKeyException"/>).</summary>
public interface IFeedSubscriptionStore
{
    Task AddAsync(FeedSubscription subscription, CancellationToken cancellationToken);

    Task<FeedSubscription?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>An OPD's subscriptions (every one when <paramref name="opd"/> is null), oldest first.</summary>
    Task<IReadOnlyList<FeedSubscription>> ListAsync(string? opd, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> subscriptions whose next read is due at <paramref name="now"/>, the longest waiting first.</summary>
    Task<IReadOnlyList<FeedSubscription>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="subscription"/> if the stored one is still at its <see cref="FeedSubscription.Version"/>;
    /// then its version goes up by one and the answer is true. Otherwise nothing is written and the answer is false.
    /// </summary>
    Task<bool> UpdateAsync(FeedSubscription subscription, CancellationToken cancellationToken);

    /// <summary>Removes the subscription if it is still at <paramref name="version"/>; false when it changed or is gone.</summary>
    Task<bool> DeleteAsync(string id, long version, CancellationToken cancellationToken);
}
