using Broker.Scheduling;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// Several nodes: leases on due deliveries (migration 0140), so the node whose wake-up fired takes a batch that no other
/// node takes meanwhile. A lease is a scheduling mark beside the document, not a state change: it changes neither the
/// delivery nor its version, and the compare-and-set of every state change clears it (<see cref="PgDeliveryStore.Update"/>).
/// </summary>
internal sealed class PgDeliveryLeases(PgDatabase database)
{
    private const string Take = """
        UPDATE deliveries SET leased_until = $2, leased_by = $3
        WHERE id IN (
            SELECT id FROM deliveries
            WHERE status IN ('Scheduled', 'Retrying') AND due_at <= $1 AND (leased_until IS NULL OR leased_until < $1)
            ORDER BY due_at LIMIT $4
            FOR UPDATE SKIP LOCKED)
        RETURNING id
        """;

    private const string Release = """
        UPDATE deliveries SET leased_until = NULL, leased_by = NULL
        WHERE id = ANY($1) AND leased_by = $2 AND leased_until IS NOT NULL
        """;

    private const string ReleaseStale = """
        UPDATE deliveries SET leased_until = NULL, leased_by = NULL
        WHERE status IN ('Scheduled', 'Retrying') AND due_at <= $1 AND leased_until IS NOT NULL
            AND (leased_until < $1 OR leased_by <> ALL($2))
        RETURNING id, due_at
        """;

    /// <summary>
    /// Leases to <paramref name="nodeId"/>, until <paramref name="until"/>, at most <paramref name="count"/> waiting
    /// deliveries due by <paramref name="now"/> that no one holds a lease on, soonest due first; returns their ids. Rows
    /// another transaction is taking or changing are skipped, not waited for.
    /// </summary>
    public Task<IReadOnlyList<string>> TakeAsync(DateTimeOffset now, DateTimeOffset until, string nodeId, int count, CancellationToken cancellationToken) =>
        database.ListAsync(Take, reader => reader.GetString(0), cancellationToken, Time(now), Time(until), Value(nodeId), Value(count));

    /// <summary>Gives up <paramref name="nodeId"/>'s leases on <paramref name="ids"/> that are still held (their dispatch changed nothing).</summary>
    public Task ReleaseAsync(IReadOnlyCollection<string> ids, string nodeId, CancellationToken cancellationToken) =>
        database.ExecuteAsync(Release, cancellationToken, Value(ids.ToArray()), Value(nodeId));

    /// <summary>Releases the leases, on deliveries still waiting, that have run out or belong to a node not in <paramref name="liveNodes"/>.</summary>
    public Task<IReadOnlyList<DueDelivery>> ReleaseStaleAsync(DateTimeOffset now, IReadOnlySet<string> liveNodes, CancellationToken cancellationToken) =>
        database.ListAsync(
            ReleaseStale,
            reader => new DueDelivery(reader.GetString(0), new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero)),
            cancellationToken,
            Time(now),
            Value(liveNodes.ToArray()));
}
