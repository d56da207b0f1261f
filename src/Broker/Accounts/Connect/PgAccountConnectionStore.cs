using Broker.Storage.PostgreSql;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Accounts.Connect;

/// <summary>OAuth connections on PostgreSQL; a status move is one conditional update, so nodes racing over it get one winner.</summary>
internal sealed class PgAccountConnectionStore(PgDatabase database) : IAccountConnectionStore
{
    private const string Move = """
        UPDATE account_connections SET status = $3, doc = jsonb_set(doc, '{Status}', to_jsonb($3::text))
        WHERE id = $1 AND status = $2
        """;

    public Task AddAsync(AccountConnection connection, CancellationToken cancellationToken) =>
        database.ExecuteAsync("INSERT INTO account_connections (id, state, status, doc) VALUES ($1, $2, $3, $4)", cancellationToken, Row(connection));

    public Task<AccountConnection?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT doc FROM account_connections WHERE id = $1", ReadConnection, cancellationToken, Value(id));

    public Task<AccountConnection?> FindByStateAsync(string state, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT doc FROM account_connections WHERE state = $1", ReadConnection, cancellationToken, Value(state));

    public async Task UpdateAsync(AccountConnection connection, CancellationToken cancellationToken)
    {
        if (await database.ExecuteAsync("UPDATE account_connections SET state = $2, status = $3, doc = $4 WHERE id = $1", cancellationToken, Row(connection)) == 0)
        {
            throw new InvalidOperationException("No AccountConnection to update with that id.");
        }
    }

    public async Task<bool> TryMoveAsync(string id, ConnectionStatus from, ConnectionStatus to, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(Move, cancellationToken, Value(id), Value(from.ToString()), Value(to.ToString())) == 1;

    private static NpgsqlParameter[] Row(AccountConnection connection) =>
        [Value(connection.Id), Value(connection.State), Value(connection.Status.ToString()), Document(connection, PgJsonContext.Default.AccountConnection)];

    private static AccountConnection ReadConnection(NpgsqlDataReader reader) => Read(reader, 0, PgJsonContext.Default.AccountConnection);
}
