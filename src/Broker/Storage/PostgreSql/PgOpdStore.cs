using Broker.Accounts;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

internal sealed class PgOpdStore(PgDatabase database) : IOpdStore
{
    public Task<Opd?> GetAsync(string code, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT doc FROM opds WHERE id = $1", ReadOpd, cancellationToken, Value(code));

    public async Task<bool> TryAddAsync(Opd opd, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "INSERT INTO opds (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
            cancellationToken,
            Value(opd.Id),
            Document(opd, PgJsonContext.Default.Opd)) == 1;

    public Task<IReadOnlyList<Opd>> ListAsync(CancellationToken cancellationToken) =>
        database.ListAsync("SELECT doc FROM opds ORDER BY id", ReadOpd, cancellationToken);

    private static Opd ReadOpd(NpgsqlDataReader reader) => Read(reader, 0, PgJsonContext.Default.Opd);
}
