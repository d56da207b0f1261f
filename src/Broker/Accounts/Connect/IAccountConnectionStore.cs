namespace Broker.Accounts.Connect;

public interface IAccountConnectionStore
{
    Task AddAsync(AccountConnection connection, CancellationToken cancellationToken);

    Task<AccountConnection?> GetAsync(string id, CancellationToken cancellationToken);

    Task<AccountConnection?> FindByStateAsync(string state, CancellationToken cancellationToken);

    Task UpdateAsync(AccountConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the connection from <paramref name="from"/> to <paramref name="to"/> if it is still in <paramref name="from"/>;
    /// false when another request got there first (a callback repeated by the browser must not spend the code twice).
    /// </summary>
    Task<bool> TryMoveAsync(string id, ConnectionStatus from, ConnectionStatus to, CancellationToken cancellationToken);
}
