using Broker.Engagement;

namespace Broker.Storage;

/// <summary>Metrics readings of published posts, native posts and each account's read-back state.</summary>
public interface IEngagementStore
{
    /// <summary>Stores the readings not stored yet (by id); those already there are left as they are.</summary>
    Task AddReadsAsync(IReadOnlyCollection<MetricsRead> reads, CancellationToken cancellationToken);

    Task<MetricsRead?> GetReadAsync(string id, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> readings with status <see cref="MetricsReadStatus.Due"/> due at <paramref name="now"/>, the earliest first.</summary>
    Task<IReadOnlyList<MetricsRead>> ListDueReadsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Every reading of posts published from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    Task<IReadOnlyList<MetricsRead>> ListReadsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="read"/> if the stored one is still at its version; then the version goes up by one and the answer is true.</summary>
    Task<bool> UpdateReadAsync(MetricsRead read, CancellationToken cancellationToken);

    /// <summary>Stores the native post, or updates its metrics, text and permalink (keeping when it was first seen). True when it was new.</summary>
    Task<bool> SaveNativeAsync(NativePost post, CancellationToken cancellationToken);

    /// <summary>Removes a native post (it turned out to be the broker's); false when there was none.</summary>
    Task<bool> DeleteNativeAsync(string id, CancellationToken cancellationToken);

    /// <summary>The native posts published from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), of one OPD or all.</summary>
    Task<IReadOnlyList<NativePost>> ListNativeAsync(DateTimeOffset from, DateTimeOffset to, string? opd, CancellationToken cancellationToken);

    Task<AccountEngagement?> GetAccountAsync(string accountId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AccountEngagement>> ListAccountsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the state (version 0) or writes it over the stored one at its version; then the version goes up by one and
    /// the answer is true. False when another writer got there first.
    /// </summary>
    Task<bool> SaveAccountAsync(AccountEngagement state, CancellationToken cancellationToken);
}
