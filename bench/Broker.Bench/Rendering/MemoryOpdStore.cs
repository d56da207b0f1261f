using Broker.Accounts;
using Broker.Storage;

namespace Broker.Bench.Rendering;

internal sealed class MemoryOpdStore(Opd opd) : IOpdStore
{
    public Task<Opd?> GetAsync(string code, CancellationToken cancellationToken) => Task.FromResult(code == opd.Id ? opd : null);

    public Task<bool> TryAddAsync(Opd opd, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Opd>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Opd>>([opd]);

    public Task<bool> TryRenameAsync(string code, long expectedVersion, string name, CancellationToken cancellationToken) => throw new NotSupportedException();
}
