using Broker.Dispatch;
using Broker.Storage.PostgreSql;
using Npgsql;

namespace Broker.Cluster;

/// <summary>
/// Several nodes: a PostgreSQL session advisory lock per account (key space "broker-account-turns", the account id's
/// hash), held on a connection of its own for the turn. Two nodes acting on different accounts that share a hash only
/// wait for each other. A node that dies mid-turn loses its connection, and PostgreSQL releases the lock.
/// </summary>
internal sealed class PgAccountTurns(PgDatabase database) : IAccountTurns
{
    private const int KeySpace = 0x62616374; // "bact"

    public async Task<IAsyncDisposable> TakeAsync(string accountId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@space, hashtext(@account))", connection);
            take.Parameters.AddWithValue("space", KeySpace);
            take.Parameters.AddWithValue("account", accountId);
            await take.ExecuteNonQueryAsync(cancellationToken);
            return new Turn(connection, accountId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Turn(NpgsqlConnection connection, string accountId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@space, hashtext(@account))", connection);
                release.Parameters.AddWithValue("space", KeySpace);
                release.Parameters.AddWithValue("account", accountId);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
