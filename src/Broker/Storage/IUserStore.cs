using Broker.Access;

namespace Broker.Storage;

public interface IUserStore
{
    Task<User?> GetAsync(string id, CancellationToken cancellationToken);

    Task<User?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken);

    Task<bool> AnyAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken);

    Task AddAsync(User user, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="user"/> only while no user exists, in one atomic step: of several nodes (or starts) racing on
    /// an empty database, exactly one adds its first editor. False when a user exists already.
    /// </summary>
    Task<bool> AddFirstAsync(User user, CancellationToken cancellationToken);

    Task UpdateAsync(User user, CancellationToken cancellationToken);
}
