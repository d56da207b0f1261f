using Broker.Sharing;

namespace Broker.Storage;

public interface IShareLinkStore
{
    Task<ShareLink?> GetAsync(string code, CancellationToken cancellationToken);

    /// <summary>The ASN's link to the item, made on first request; the same one ever after.</summary>
    Task<ShareLink> GetOrAddAsync(ShareLink candidate, CancellationToken cancellationToken);

    /// <summary>
    /// The ASN's links to those of <paramref name="itemIds"/> that have one, by item id, in one read through the
    /// (ASN, item) key: a share list costs one look-up, not one per item.
    /// </summary>
    Task<IReadOnlyDictionary<string, ShareLink>> FindAsync(string nip, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<ShareLink>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);
}
