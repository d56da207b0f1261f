using Broker.Events;
using Broker.Storage.LiteDb;
using Broker.Storage.PostgreSql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Migration;

/// <summary>
/// Copies the event outbox and its consumers' cursors. Events go in LiteDB's sequence order, a batch per transaction, so
/// PostgreSQL's (transaction, sequence) order is the same order. A LiteDB cursor is a sequence; it becomes the PostgreSQL
/// position of the last copied event at or before it (or the start, when every such event was pruned), so each consumer
/// resumes after exactly the events it had acknowledged. An event already copied (by its id) is skipped and a cursor
/// already in PostgreSQL is left as it is: a second run changes nothing.
/// </summary>
internal sealed class OutboxCopy(LiteDbSource source, PgDatabase target, TextWriter output)
{
    private const int BatchSize = 1000;

    private const string InsertMany = "INSERT INTO outbox (doc) SELECT doc FROM unnest($1::jsonb[]) WITH ORDINALITY AS e(doc, n) ORDER BY n";

    public async Task CopyAsync(CancellationToken cancellationToken)
    {
        var resuming = await PgScalar.ReadAsync<long>(target, "SELECT count(*) FROM outbox", cancellationToken) > 0;
        long read = 0, copied = 0;
        foreach (var batch in source.Batches<OutboxRecord>(LiteDbEventOutbox.Name, BatchSize))
        {
            var events = batch.Select(r => r.Event).ToList();
            if (resuming)
            {
                var present = await CopiedAsync([.. events.Select(e => e.Id)], cancellationToken);
                events = [.. events.Where(e => !present.Contains(e.Id))];
            }

            if (events.Count > 0)
            {
                await target.ExecuteAsync(InsertMany, cancellationToken, Documents(events, PgJsonContext.Default.DomainEvent));
            }

            (read, copied) = (read + batch.Count, copied + events.Count);
            await output.WriteLineAsync($"  outbox events: {read:N0} read, {copied:N0} copied");
        }

        await CopyCursorsAsync(cancellationToken);
    }

    private async Task CopyCursorsAsync(CancellationToken cancellationToken)
    {
        var copied = 0;
        foreach (var cursor in source.Documents(LiteDbEventOutbox.CursorsName, BatchSize).SelectMany(b => b))
        {
            var position = OutboxPosition.Start;
            if (source.LastAtOrBefore(LiteDbEventOutbox.Name, cursor["Sequence"]) is { } last)
            {
                var eventId = last[nameof(OutboxRecord.Event)].AsDocument["_id"].AsString; // LiteDB's mapper keeps an Id as _id
                position = await target.FirstAsync(
                    "SELECT tx, seq FROM outbox WHERE doc->>'Id' = $1",
                    r => new Found(new OutboxPosition(r.GetInt64(0), r.GetInt64(1))),
                    cancellationToken,
                    Value(eventId)) is { } found
                    ? found.Position
                    : throw new MigrationRefusedException($"Event {eventId}, acknowledged by {cursor["_id"].AsString}, was not copied to PostgreSQL's outbox.");
            }

            copied += await target.ExecuteAsync(
                "INSERT INTO outbox_cursors (consumer, tx, seq) VALUES ($1, $2, $3) ON CONFLICT (consumer) DO NOTHING",
                cancellationToken,
                Value(cursor["_id"].AsString),
                Value(position.Transaction),
                Value(position.Sequence));
        }

        await output.WriteLineAsync($"  event consumer cursors: {copied:N0} copied");
    }

    private async Task<HashSet<string>> CopiedAsync(string[] ids, CancellationToken cancellationToken) =>
        [.. await target.ListAsync("SELECT doc->>'Id' FROM outbox WHERE doc->>'Id' = ANY($1)", r => r.GetString(0), cancellationToken, Value(ids))];

    private sealed record Found(OutboxPosition Position);
}
