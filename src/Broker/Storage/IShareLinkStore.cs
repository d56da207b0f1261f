using Broker.Sharing;

namespace Broker.Storage;

public interface IShareLinkStore
{
    Task<ShareLink?> GetAsync(string code, CancellationToken cancellationToken);

    /// <summary>The ASN's link to the item, made on first request; the same one ever after.</summary>
    Task<ShareLink> GetOrAddAsync(ShareLink candidate, CancellationToken cancellationToken);

    /// <summary>
    /// One ASN's links to several items, made for those that have none, all in one write: an ASN's first view of a list of
    /// a hundred open items makes a hundred links, one commit (and one flush to disk) in all. By item id; the link that
    /// stands wins over a candidate, as in <see cref="GetOrAddAsync"/>. Every candidate has the same <see cref="ShareLink.Nip"/>.
    /// </summary>
    Task<IReadOnlyDictionary<string, ShareLink>> GetOrAddAllAsync(IReadOnlyList<ShareLink> candidates, CancellationToken cancellationToken);

    /// <summary>
    /// The ASN's links to those of <paramref name="itemIds"/> that have one, by item id, in one read through the
    /// (ASN, item) key: a share list costs one look-up, not one per item.
    /// </summary>
    Task<IReadOnlyDictionary<string, ShareLink>> FindAsync(string nip, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<ShareLink>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);
}

/// <summary>What both providers check of a batch of candidate links.</summary>
internal static class ShareLinkBatch
{
    /// <summary>The one ASN the candidates are of.</summary>
    public static string OneNip(IReadOnlyList<ShareLink> candidates) =>
        candidates.All(c => string.Equals(c.Nip, candidates[0].Nip, StringComparison.Ordinal))
            ? candidates[0].Nip
            : throw new ArgumentException("The candidate links are of more than one ASN.", nameof(candidates));
}
