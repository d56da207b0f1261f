using Broker.Access;

namespace Broker.Storage;

public interface IUserStore
{
    Task<User?> GetAsync(string id, CancellationToken cancellationToken);

    Task<User?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken);

    Task<bool> AnyAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken);

    Task AddAsync(User user, CancellationToken cancellationToken);

    Task UpdateAsync(User user, CancellationToken cancellationToken);
}
