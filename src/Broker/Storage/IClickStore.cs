using Broker.Sharing;

namespace Broker.Storage;

public interface IClickStore
{
    /// <summary>Stores a batch of clicks in one transaction.</summary>
    Task AddAllAsync(IReadOnlyList<Click> clicks, CancellationToken cancellationToken);

    Task<IReadOnlyList<Click>> ListByItemAsync(string itemId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Click>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);
}
