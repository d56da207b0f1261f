using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// Upserts this process's one row of <c>broker_health_probe</c> in a committed transaction, the way every state change
/// commits: a probe that succeeds has been written by the primary and made durable as its settings make commits.
/// </summary>
internal sealed class PgStorageProbe(PgDatabase database, TimeProvider time) : IStorageProbe
{
    private const string Upsert = """
        INSERT INTO broker_health_probe (node, at) VALUES ($1, $2)
        ON CONFLICT (node) DO UPDATE SET at = excluded.at
        """;

    private readonly string node = $"{Environment.MachineName}:{Environment.ProcessId}";

    public Task ProbeWriteAsync(CancellationToken cancellationToken) =>
        database.ExecuteAsync(Upsert, cancellationToken, Value(node), Time(time.GetUtcNow()));
}
