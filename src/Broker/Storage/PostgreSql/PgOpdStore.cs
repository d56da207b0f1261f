using Broker.Accounts;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

internal sealed class PgOpdStore(PgDatabase database) : IOpdStore
{
    public Task<Opd?> GetAsync(string code, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT doc, version FROM opds WHERE id = $1", ReadOpd, cancellationToken, Value(code));

    public async Task<bool> TryAddAsync(Opd opd, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "INSERT INTO opds (id, doc, version) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
            cancellationToken,
            Value(opd.Id),
            Document(opd, PgJsonContext.Default.Opd),
            Value(opd.Version)) == 1;

    public Task<IReadOnlyList<Opd>> ListAsync(CancellationToken cancellationToken) =>
        database.ListAsync("SELECT doc, version FROM opds ORDER BY id", ReadOpd, cancellationToken);

    public async Task<bool> TryRenameAsync(string code, long expectedVersion, string name, CancellationToken cancellationToken)
    {
        if (await GetAsync(code, cancellationToken) is not { } opd)
        {
            return false;
        }

        (opd.Name, opd.Version) = (name, expectedVersion + 1);
        return await database.ExecuteAsync(
            "UPDATE opds SET doc = $3, version = $2 + 1 WHERE id = $1 AND version = $2",
            cancellationToken,
            Value(code),
            Value(expectedVersion),
            Document(opd, PgJsonContext.Default.Opd)) == 1;
    }

    // The version column is the OPD's version; the copy inside doc is ignored on reading.
    private static Opd ReadOpd(NpgsqlDataReader reader)
    {
        var opd = Read(reader, 0, PgJsonContext.Default.Opd);
        opd.Version = reader.GetInt64(1);
        return opd;
    }
}
