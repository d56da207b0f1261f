using Broker.Accounts;
using Broker.Storage;

namespace Broker.Bench.Rendering;

/// <summary>Accounts in a dictionary, so the rendering figure measures rendering and not LiteDB look-ups.</summary>
internal sealed class MemoryAccountStore(IEnumerable<Account> accounts) : IAccountStore
{
    private readonly Dictionary<string, Account> byId = accounts.ToDictionary(a => a.Id);

    public Task<Account?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(byId.GetValueOrDefault(id));

    public Task AddAsync(Account account, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task UpdateAsync(Account account, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Account>> ListAsync(string? opd, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Account>>([.. byId.Values]);
}
