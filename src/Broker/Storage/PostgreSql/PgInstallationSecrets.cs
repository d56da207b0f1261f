using System.Security.Cryptography;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// Secrets made once for the whole installation. Nodes asking at the same moment each offer a value; the first insert
/// wins, the others' inserts do nothing, and everyone reads the winner's (the read is a later statement, so it sees it).
/// </summary>
internal sealed class PgInstallationSecrets(PgDatabase database) : IInstallationSecrets
{
    public async Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken cancellationToken)
    {
        await using var batch = database.DataSource.CreateBatch();
        batch.BatchCommands.Add(new("INSERT INTO installation_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
        {
            Parameters = { Value(name), Value(RandomNumberGenerator.GetBytes(length)) },
        });
        batch.BatchCommands.Add(new("SELECT value FROM installation_secrets WHERE name = $1") { Parameters = { Value(name) } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetFieldValue<byte[]>(0);
    }
}
