using Broker.Accounts.Connect;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// OAuth connections in progress, in <c>account_connections</c>, so the platform's callback may reach any node. A move
/// between statuses is one conditional update: of two callbacks carrying the same code, one moves it.
/// </summary>
internal sealed class PgAccountConnectionStore(PgDatabase database) : IAccountConnectionStore
{
    public async Task AddAsync(AccountConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await database.ExecuteAsync("INSERT INTO account_connections (id, state, status, doc) VALUES ($1, $2, $3, $4)", cancellationToken, Row(connection));
        }
        catch (PostgresException ex) when (IsDuplicate(ex))
        {
            throw Duplicate(ex);
        }
    }

    public Task<AccountConnection?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT status, doc FROM account_connections WHERE id = $1", ReadConnection, cancellationToken, Value(id));

    public Task<AccountConnection?> FindByStateAsync(string state, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT status, doc FROM account_connections WHERE state = $1", ReadConnection, cancellationToken, Value(state));

    public async Task UpdateAsync(AccountConnection connection, CancellationToken cancellationToken)
    {
        if (await database.ExecuteAsync("UPDATE account_connections SET state = $2, status = $3, doc = $4 WHERE id = $1", cancellationToken, Row(connection)) == 0)
        {
            throw new InvalidOperationException("No AccountConnection to update with that id.");
        }
    }

    public async Task<bool> TryMoveAsync(string id, ConnectionStatus from, ConnectionStatus to, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "UPDATE account_connections SET status = $3 WHERE id = $1 AND status = $2",
            cancellationToken,
            Value(id),
            Value(from.ToString()),
            Value(to.ToString())) == 1;

    private static NpgsqlParameter[] Row(AccountConnection connection) =>
        [Value(connection.Id), Value(connection.State), Value(connection.Status.ToString()), Document(connection, PgJsonContext.Default.AccountConnection)];

    // The status column is the truth (a move changes only it); the copy inside doc may be older.
    private static AccountConnection ReadConnection(NpgsqlDataReader reader)
    {
        var connection = Read(reader, 1, PgJsonContext.Default.AccountConnection);
        connection.Status = Enum.Parse<ConnectionStatus>(reader.GetString(0));
        return connection;
    }
}
