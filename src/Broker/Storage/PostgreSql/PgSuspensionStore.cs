using Broker.Guardrails;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

internal sealed class PgSuspensionStore(PgDatabase database) : ISuspensionStore
{
    public Task<Suspension?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT version, doc FROM suspensions WHERE id = $1", ReadSuspension, cancellationToken, Value(id));

    public Task<IReadOnlyList<Suspension>> ListAsync(CancellationToken cancellationToken) =>
        database.ListAsync("SELECT version, doc FROM suspensions ORDER BY id", ReadSuspension, cancellationToken);

    public async Task<bool> TryAddAsync(Suspension suspension, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "INSERT INTO suspensions (id, version, doc) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
            cancellationToken,
            Value(suspension.Id),
            Value(suspension.Version),
            Document(suspension, PgJsonContext.Default.Suspension)) == 1;

    public async Task<bool> TryReplaceAsync(Suspension suspension, CancellationToken cancellationToken)
    {
        var won = await database.ExecuteAsync(
            "UPDATE suspensions SET version = version + 1, doc = $3 WHERE id = $1 AND version = $2",
            cancellationToken,
            Value(suspension.Id),
            Value(suspension.Version),
            Document(suspension, PgJsonContext.Default.Suspension)) == 1;
        if (won)
        {
            suspension.Version++;
        }

        return won;
    }

    private static Suspension ReadSuspension(NpgsqlDataReader reader)
    {
        var suspension = Read(reader, 1, PgJsonContext.Default.Suspension);
        suspension.Version = reader.GetInt64(0);
        return suspension;
    }
}
