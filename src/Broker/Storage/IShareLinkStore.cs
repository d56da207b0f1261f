using Broker.Sharing;

namespace Broker.Storage;

public interface IShareLinkStore
{
    Task<ShareLink?> GetAsync(string code, CancellationToken cancellationToken);

    /// <summary>The ASN's link to the item, made on first request; the same one ever after.</summary>
    Task<ShareLink> GetOrAddAsync(ShareLink candidate, CancellationToken cancellationToken);

    Task<IReadOnlyList<ShareLink>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);
}
