using Broker.Events;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// The outbox on LiteDB: events are documents whose id is LiteDB's Int64 sequence, taken inside the single writer's
/// turn, so events commit in sequence order and a reader never sees a later one before an earlier one. Cursors are one
/// small document per consumer.
/// </summary>
internal sealed class LiteDbEventOutbox : LiteDbCollection<OutboxRecord>, IEventOutbox
{
    public const string Name = "outbox";

    private readonly ILiteCollection<BsonDocument> cursors;
    public LiteDbEventOutbox(BrokerDatabase database)
        : base(database, Name)
    {
        cursors = database.Collection<BsonDocument>(CursorsName);
    }

    /// <summary>One document per consumer: its name as the id, the last acknowledged sequence.</summary>
    public const string CursorsName = "outbox_cursors";

    private const string SequenceField = "Sequence";

    /// <summary>The outbox collection as the state changes write it: documents without an id get the next sequence.</summary>
    public static ILiteCollection<BsonDocument> RawDocuments(BrokerDatabase database) => database.Database.GetCollection(Name, BsonAutoId.Int64);

    /// <summary>An event as an outbox document, made on the caller's thread: the writer's turn only inserts it.</summary>
    public static BsonDocument ToDocument(BsonMapper mapper, DomainEvent domainEvent) =>
        new() { [nameof(OutboxRecord.Event)] = mapper.ToDocument(domainEvent) };

    public Task<IReadOnlyList<OutboxEntry>> ReadAfterAsync(OutboxPosition after, int limit, CancellationToken cancellationToken)
    {
        var found = Collection.Query().Where(r => r.Id > after.Sequence).OrderBy(r => r.Id).Limit(limit).ToList();
        return Task.FromResult<IReadOnlyList<OutboxEntry>>([.. found.Select(r => new OutboxEntry(new OutboxPosition(0, r.Id), r.Event))]);
    }

    public Task<OutboxPosition> CursorAsync(string consumer, CancellationToken cancellationToken) =>
        Task.FromResult(cursors.FindById(consumer) is { } cursor && Exact(cursor["_id"], consumer)
            ? new OutboxPosition(0, cursor[SequenceField].AsInt64)
            : OutboxPosition.Start);

    public Task AcknowledgeAsync(string consumer, OutboxPosition position, CancellationToken cancellationToken)
    {
        var cursor = new BsonDocument { ["_id"] = consumer, [SequenceField] = position.Sequence };
        return Database.WriteAsync(() => cursors.Upsert(cursor));
    }

    public Task<int> PruneAsync(OutboxPosition through, DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        var old = Collection.Query().Where(r => r.Id <= through.Sequence).OrderBy(r => r.Id).Limit(limit).ToList()
            .Where(r => r.Event.OccurredAt < before)
            .Select(r => new BsonValue(r.Id))
            .ToList();
        if (old.Count == 0)
        {
            return Task.FromResult(0);
        }

        var outbox = RawDocuments(Database);
        return Database.WriteAsync(() => old.Count(outbox.Delete));
    }

    public Task<bool> TryLeadAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
