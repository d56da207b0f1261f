using Broker.Accounts;

namespace Broker.Storage;

public interface IOpdStore
{
    Task<Opd?> GetAsync(string code, CancellationToken cancellationToken);

    /// <summary>Adds the OPD; false when one with the same code exists.</summary>
    Task<bool> TryAddAsync(Opd opd, CancellationToken cancellationToken);

    Task<IReadOnlyList<Opd>> ListAsync(CancellationToken cancellationToken);
}
