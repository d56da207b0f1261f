using Broker.Access;

namespace Broker.Storage;

public interface ISignInLinkStore
{
    Task<SignInLink?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Adds the links in one transaction (a bulk hand-out for an OPD's ASN is all or nothing).</summary>
    Task AddAllAsync(IReadOnlyList<SignInLink> links, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the link used at <paramref name="now"/> when it is unused and has not expired, in one atomic step: of two
    /// uses at once, exactly one gets the link back. Null when the link is unknown, used already or expired.
    /// </summary>
    Task<SignInLink?> TryUseAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes the links that expired before <paramref name="before"/>; how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
