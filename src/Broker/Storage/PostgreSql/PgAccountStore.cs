using Broker.Accounts;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

internal sealed class PgAccountStore(PgDatabase database) : IAccountStore
{
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

    private static NpgsqlParameter[] Row(Account account) => [Value(account.Id), Value(account.Opd), Document(account, PgJsonContext.Default.Account)];

    private static Account ReadAccount(NpgsqlDataReader reader) => Read(reader, 0, PgJsonContext.Default.Account);
}
