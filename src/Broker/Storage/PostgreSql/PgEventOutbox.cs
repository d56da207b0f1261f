using Broker.Events;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// The outbox on PostgreSQL (migration 0100). Events are read in (transaction, sequence) order and only from
/// transactions older than the oldest one still running, so a reader never passes an event that commits later. One node
/// dispatches at a time: the one holding the session advisory lock "broker-outbox" on a connection of its own; when that
/// node dies its connection closes, the lock goes with it, and the next node to try takes over.
/// </summary>
internal sealed class PgEventOutbox(PgDatabase database) : IEventOutbox, IAsyncDisposable
{
    private const long LeaderLock = 0x62726f6b65726f62; // "brokerob"

    private const string InsertMany = "INSERT INTO outbox (doc) SELECT doc FROM unnest($1::jsonb[]) WITH ORDINALITY AS e(doc, n) ORDER BY n";

    private const string ReadAfter = """
        SELECT tx, seq, doc FROM outbox
        WHERE tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint AND (tx, seq) > ($1, $2)
        ORDER BY tx, seq LIMIT $3
        """;

    // The oldest rows first, through the (tx, seq) index; the age is each event's own time, as the broker's clock gave it.
    private const string Prune = """
        WITH oldest AS (SELECT seq FROM outbox WHERE (tx, seq) <= ($1, $2) ORDER BY tx, seq LIMIT $4)
        DELETE FROM outbox o USING oldest WHERE o.seq = oldest.seq AND (o.doc->>'OccurredAt')::timestamptz < $3
        """;

    private readonly SemaphoreSlim leading = new(1, 1);
    private NpgsqlConnection? leader;

    /// <summary>The insert of a change's events, in their order, for the state change's batch.</summary>
    public static NpgsqlBatchCommand Insert(IReadOnlyCollection<DomainEvent> events)
    {
        var command = new NpgsqlBatchCommand(InsertMany);
        command.Parameters.Add(Documents(events, PgJsonContext.Default.DomainEvent));
        return command;
    }

    public Task<IReadOnlyList<OutboxEntry>> ReadAfterAsync(OutboxPosition after, int limit, CancellationToken cancellationToken) =>
        database.ListAsync(
            ReadAfter,
            r => new OutboxEntry(new OutboxPosition(r.GetInt64(0), r.GetInt64(1)), Read(r, 2, PgJsonContext.Default.DomainEvent)),
            cancellationToken,
            Value(after.Transaction),
            Value(after.Sequence),
            Value(limit));

    public async Task<OutboxPosition> CursorAsync(string consumer, CancellationToken cancellationToken)
    {
        var found = await database.FirstAsync(
            "SELECT tx, seq FROM outbox_cursors WHERE consumer = $1",
            r => new Position(r.GetInt64(0), r.GetInt64(1)),
            cancellationToken,
            Value(consumer));
        return found is null ? OutboxPosition.Start : new OutboxPosition(found.Transaction, found.Sequence);
    }

    public Task AcknowledgeAsync(string consumer, OutboxPosition position, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "INSERT INTO outbox_cursors (consumer, tx, seq) VALUES ($1, $2, $3) ON CONFLICT (consumer) DO UPDATE SET tx = excluded.tx, seq = excluded.seq",
            cancellationToken,
            Value(consumer),
            Value(position.Transaction),
            Value(position.Sequence));

    public Task<int> PruneAsync(OutboxPosition through, DateTimeOffset before, int limit, CancellationToken cancellationToken) =>
        database.ExecuteAsync(Prune, cancellationToken, Value(through.Transaction), Value(through.Sequence), Time(before), Value(limit));

    public async Task<bool> TryLeadAsync(CancellationToken cancellationToken)
    {
        await leading.WaitAsync(cancellationToken);
        try
        {
            if (leader is not null)
            {
                try
                {
                    await using var alive = new NpgsqlCommand("SELECT 1", leader);
                    await alive.ExecuteScalarAsync(cancellationToken);
                    return true;
                }
                catch (NpgsqlException)
                {
                    await leader.DisposeAsync(); // the lock went with the connection: try again below
                    leader = null;
                }
            }

            var connection = await database.OpenAsync(cancellationToken);
            try
            {
                await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
                take.Parameters.Add(Value(LeaderLock));
                if (await take.ExecuteScalarAsync(cancellationToken) is true)
                {
                    leader = connection;
                    return true;
                }
            }
            catch
            {
                await connection.DisposeAsync(); // not the leader's: back to the pool rather than held until the process ends
                throw;
            }

            await connection.DisposeAsync();
            return false;
        }
        finally
        {
            leading.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (leader is not null)
        {
            await leader.DisposeAsync();
        }

        leading.Dispose();
    }

    private sealed record Position(long Transaction, long Sequence);
}
