using Broker.Accounts;

namespace Broker.Storage;

public interface IOpdStore
{
    Task<Opd?> GetAsync(string code, CancellationToken cancellationToken);

    /// <summary>Adds the OPD; false when one with the same code exists.</summary>
    Task<bool> TryAddAsync(Opd opd, CancellationToken cancellationToken);

    Task<IReadOnlyList<Opd>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Renames the OPD when it is still at <paramref name="expectedVersion"/>, raising its version, in one atomic step:
    /// of two renames from the same version, exactly one is true.
    /// </summary>
    Task<bool> TryRenameAsync(string code, long expectedVersion, string name, CancellationToken cancellationToken);
}
