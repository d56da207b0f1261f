using Broker.Accounts.Connect;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbAccountConnectionStore : LiteDbCollection<AccountConnection>, IAccountConnectionStore
{
    private readonly Lock moves = new();

    public LiteDbAccountConnectionStore(BrokerDatabase database)
        : base(database, "accountConnections")
    {
        Database.Write(() => Collection.EnsureIndex(c => c.State, unique: true));
    }

    public Task<AccountConnection?> FindByStateAsync(string state, CancellationToken cancellationToken) =>
        Task.FromResult(Exact(Collection.FindOne(c => c.State == state), c => c.State, state));

    public Task<bool> TryMoveAsync(string id, ConnectionStatus from, ConnectionStatus to, CancellationToken cancellationToken)
    {
        // LiteDB lives in one process, so a lock makes read-check-write atomic; a shared database would do it with a
        // conditional update instead.
        lock (moves)
        {
            var connection = Exact(Collection.FindById(id), c => c.Id, id);
            if (connection is null || connection.Status != from)
            {
                return Task.FromResult(false);
            }

            connection.Status = to;
            Database.Write(() => Collection.Update(connection));
            return Task.FromResult(true);
        }
    }
}
