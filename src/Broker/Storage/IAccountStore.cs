using Broker.Accounts;

namespace Broker.Storage;

public interface IAccountStore
{
    Task<Account?> GetAsync(string id, CancellationToken cancellationToken);

    Task AddAsync(Account account, CancellationToken cancellationToken);

    Task UpdateAsync(Account account, CancellationToken cancellationToken);

    Task<IReadOnlyList<Account>> ListAsync(string? opd, CancellationToken cancellationToken);
}
