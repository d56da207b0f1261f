using Broker.Accounts;
using Broker.Storage;

namespace Broker.Guardrails;

/// <summary>
/// Which suspensions hold publishing back now: read before every claim of a delivery, on every page's banner and by the
/// API. The store is the truth on every node; this keeps what it read for at most <see cref="CacheFor"/>, so a suspension
/// made on another node of a cluster holds here within that bound. A suspension or resume made on this node is seen here
/// at once (<see cref="Forget"/>).
/// </summary>
public sealed class SuspensionCheck(ISuspensionStore store, TimeProvider time)
{
    /// <summary>How long a read of the suspensions is reused: the bound on how late another node's suspension is seen.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    private volatile Snapshot? snapshot;

    /// <summary>The suspensions in force, city first, then OPDs, then accounts.</summary>
    public async Task<IReadOnlyList<Suspension>> ActiveAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return [.. (await ReadAsync(fresh: false, cancellationToken)).Where(s => s.IsActive(now)).OrderBy(s => s.Scope).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>The suspension in force that stops <paramref name="account"/>, or null; <paramref name="fresh"/> reads the store.</summary>
    public async Task<Suspension?> CoveringAsync(Account account, CancellationToken cancellationToken, bool fresh = false)
    {
        var keys = SuspensionScopes.Covering(account);
        var now = time.GetUtcNow();
        return (await ReadAsync(fresh, cancellationToken))
            .Where(s => s.IsActive(now) && keys.Contains(s.Id, StringComparer.Ordinal))
            .OrderBy(s => s.Scope)
            .FirstOrDefault();
    }

    /// <summary>Drops what was read, after this node suspended or resumed.</summary>
    public void Forget() => snapshot = null;

    private async Task<IReadOnlyList<Suspension>> ReadAsync(bool fresh, CancellationToken cancellationToken)
    {
        if (!fresh && snapshot is { } kept && time.GetElapsedTime(kept.ReadAt) < CacheFor)
        {
            return kept.Suspensions;
        }

        var readAt = time.GetTimestamp();
        var read = await store.ListAsync(cancellationToken);
        snapshot = new Snapshot(read, readAt);
        return read;
    }

    private sealed record Snapshot(IReadOnlyList<Suspension> Suspensions, long ReadAt);
}
