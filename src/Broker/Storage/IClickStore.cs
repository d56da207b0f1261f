using Broker.Sharing;

namespace Broker.Storage;

public interface IClickStore
{
    /// <summary>Stores a batch of clicks in one transaction.</summary>
    Task AddAllAsync(IReadOnlyList<Click> clicks, CancellationToken cancellationToken);

    Task<IReadOnlyList<Click>> ListByItemAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>Every click on one ASN's links (their share page shows their own counts).</summary>
    Task<IReadOnlyList<Click>> ListByNipAsync(string nip, CancellationToken cancellationToken);

    Task<IReadOnlyList<Click>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);
}
