using Broker.Engagement;

namespace Broker.Storage.LiteDb;

/// <summary>The engagement store on LiteDB: three collections, each write one turn of the single writer.</summary>
internal sealed class LiteDbEngagementStore(LiteDbMetricsReads reads, LiteDbNativePosts natives, LiteDbAccountEngagements accounts) : IEngagementStore
{
    public Task AddReadsAsync(IReadOnlyCollection<MetricsRead> toAdd, CancellationToken cancellationToken) => reads.AddAllAsync(toAdd);

    public Task<MetricsRead?> GetReadAsync(string id, CancellationToken cancellationToken) => reads.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<MetricsRead>> ListDueReadsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => reads.DueAsync(now, limit);

    public Task<IReadOnlyList<MetricsRead>> ListReadsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) => reads.PublishedBetweenAsync(from, to);

    public Task<bool> UpdateReadAsync(MetricsRead read, CancellationToken cancellationToken) => reads.CompareAndSetAsync(read);

    public Task<bool> SaveNativeAsync(NativePost post, CancellationToken cancellationToken) => natives.SaveAsync(post);

    public Task<bool> DeleteNativeAsync(string id, CancellationToken cancellationToken) => natives.DeleteAsync(id);

    public Task<IReadOnlyList<NativePost>> ListNativeAsync(DateTimeOffset from, DateTimeOffset to, string? opd, CancellationToken cancellationToken) =>
        natives.PublishedBetweenAsync(from, to, opd);

    public Task<AccountEngagement?> GetAccountAsync(string accountId, CancellationToken cancellationToken) => accounts.GetAsync(accountId, cancellationToken);

    public Task<IReadOnlyList<AccountEngagement>> ListAccountsAsync(CancellationToken cancellationToken) => accounts.AllAsync();

    public Task<bool> SaveAccountAsync(AccountEngagement state, CancellationToken cancellationToken) => accounts.CompareAndSetAsync(state);
}
