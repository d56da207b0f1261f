using Broker.Accounts;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// Accounts on PostgreSQL. Their <see cref="Account.Version"/> lives in the document (accounts change rarely and are never
/// looked up by it), so the compare-and-set of a state change reads it there.
/// </summary>
internal sealed class PgAccountStore(PgDatabase database) : IAccountStore
{
    private const string UpdateAt = """
        WITH changed AS (
            UPDATE accounts SET opd = $3, doc = jsonb_set($4, '{Version}', to_jsonb($2 + 1))
            WHERE id = $1 AND coalesce((doc->>'Version')::bigint, 0) = $2 RETURNING 1)
        SELECT broker_expect_one(count(*)) FROM changed
        """;

    public Task<Account?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT doc FROM accounts WHERE id = $1", ReadAccount, cancellationToken, Value(id));

    public Task AddAsync(Account account, CancellationToken cancellationToken) =>
        database.ExecuteAsync("INSERT INTO accounts (id, opd, doc) VALUES ($1, $2, $3)", cancellationToken, Row(account));

    public async Task UpdateAsync(Account account, CancellationToken cancellationToken)
    {
        if (await database.ExecuteAsync("UPDATE accounts SET opd = $2, doc = $3 WHERE id = $1", cancellationToken, Row(account)) == 0)
        {
            throw new InvalidOperationException("No Account to update with that id.");
        }
    }

    public Task<IReadOnlyList<Account>> ListAsync(string? opd, CancellationToken cancellationToken) => opd is null
        ? database.ListAsync("SELECT doc FROM accounts ORDER BY id", ReadAccount, cancellationToken)
        : database.ListAsync("SELECT doc FROM accounts WHERE opd = $1 ORDER BY id", ReadAccount, cancellationToken, Value(opd));

    /// <summary>The compare-and-set of one account, for a state change's batch: it aborts the change when the stored one is not at <see cref="Account.Version"/>.</summary>
    public static NpgsqlBatchCommand Update(Account account)
    {
        var command = new NpgsqlBatchCommand(UpdateAt);
        command.Parameters.AddRange(new NpgsqlParameter[] { Value(account.Id), Value(account.Version), Value(account.Opd), Document(account, PgJsonContext.Default.Account) });
        return command;
    }

    private static NpgsqlParameter[] Row(Account account) => [Value(account.Id), Value(account.Opd), Document(account, PgJsonContext.Default.Account)];

    private static Account ReadAccount(NpgsqlDataReader reader) => Read(reader, 0, PgJsonContext.Default.Account);
}
