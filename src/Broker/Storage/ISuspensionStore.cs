using Broker.Guardrails;

namespace Broker.Storage;

/// <summary>Suspensions of publishing, one document per scope, each changed only over the version it was read at.</summary>
public interface ISuspensionStore
{
    Task<Suspension?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every scope's latest suspension, resumed ones included, in id order.</summary>
    Task<IReadOnlyList<Suspension>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores the first suspension of its scope; false when the scope already has one (read it, then replace it).</summary>
    Task<bool> TryAddAsync(Suspension suspension, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the scope's document if it is still at <see cref="Suspension.Version"/>; then the version is one more, in
    /// the store and on <paramref name="suspension"/>. False, writing nothing, when another change came first.
    /// </summary>
    Task<bool> TryReplaceAsync(Suspension suspension, CancellationToken cancellationToken);
}
