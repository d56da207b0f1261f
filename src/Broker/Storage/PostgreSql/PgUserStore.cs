using Broker.Access;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

internal sealed class PgUserStore(PgDatabase database) : IUserStore
{
    private const long FirstUserLock = 0x62726f6b66697273;

    public Task<User?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT doc FROM users WHERE id = $1", ReadUser, cancellationToken, Value(id));

    public Task<User?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT doc FROM users WHERE token_hash = $1", ReadUser, cancellationToken, Value(tokenHash));

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Command("SELECT EXISTS (SELECT FROM users)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken) =>
        database.ListAsync("SELECT doc FROM users ORDER BY created_at, id", ReadUser, cancellationToken);

    public Task AddAsync(User user, CancellationToken cancellationToken) =>
        database.ExecuteAsync("INSERT INTO users (id, token_hash, created_at, doc) VALUES ($1, $2, $3, $4)", cancellationToken, Row(user));

    /// <summary>
    /// Under a transaction-scoped advisory lock ("broker-first-user"): the nodes racing on an empty database take turns,
    /// and each one's insert, a statement after the lock, sees the row of the node before it (read committed).
    /// </summary>
    public async Task<bool> AddFirstAsync(User user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var turn = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            turn.Parameters.Add(Value(FirstUserLock));
            await turn.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = new NpgsqlCommand(
            "INSERT INTO users (id, token_hash, created_at, doc) SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT FROM users)", connection, transaction);
        insert.Parameters.AddRange(Row(user));
        var added = await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task UpdateAsync(User user, CancellationToken cancellationToken)
    {
        if (await database.ExecuteAsync("UPDATE users SET token_hash = $2, created_at = $3, doc = $4 WHERE id = $1", cancellationToken, Row(user)) == 0)
        {
            throw new InvalidOperationException("No User to update with that id.");
        }
    }

    private static NpgsqlParameter[] Row(User user) =>
        [Value(user.Id), Value(user.TokenHash), Time(user.CreatedAt), Document(user, PgJsonContext.Default.User)];

    private static User ReadUser(NpgsqlDataReader reader) => Read(reader, 0, PgJsonContext.Default.User);
}
