using Broker.Guardrails;

namespace Broker.Storage;

/// <summary>Election periods, each changed only over the version it was read at.</summary>
public interface IElectionPeriodStore
{
    Task<ElectionPeriod?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every period, by start time.</summary>
    Task<IReadOnlyList<ElectionPeriod>> ListAsync(CancellationToken cancellationToken);

    Task AddAsync(ElectionPeriod period, CancellationToken cancellationToken);

    /// <summary>Replaces the period if it is still at <see cref="ElectionPeriod.Version"/> (then one more); false when another change came first.</summary>
    Task<bool> TryReplaceAsync(ElectionPeriod period, CancellationToken cancellationToken);
}
