using Broker.Audit;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbAuditLog : LiteDbCollection<AuditEntry>, IAuditLog
{
    public const string Name = "audit";

    private static readonly BsonExpression ByTime = BsonExpression.Create($"$.{nameof(AuditEntry.At)}");

    public LiteDbAuditLog(BrokerDatabase database)
        : base(database, Name)
    {
        Index(a => a.ObjectId);
        Index(a => a.At);
    }

    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken) => AddAsync(entry, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ListPageAsync(DateTimeOffset from, DateTimeOffset to, string? afterId, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var query = LiteDbFilter.Of("$._id > {0}", afterId is null ? BsonValue.MinValue : new BsonValue(afterId))
            .And($"$.{nameof(AuditEntry.At)} >= {{0}}", from.UtcDateTime)
            .And($"$.{nameof(AuditEntry.At)} < {{0}}", to.UtcDateTime)
            .ToExpression();
        IReadOnlyList<AuditEntry> page = [.. Collection.Query().Where(query).OrderBy("_id").Limit(limit).ToEnumerable()];
        return Task.FromResult(page);
    }

    public Task<IReadOnlyList<AuditEntry>> PageAsync(AuditQuery query, AuditCursor? cursor, bool newestFirst, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LiteDbFilter? filter = null;

        // The period and the cursor as one index range on the time, first among the terms (LiteDB walks the index by the
        // first range term only: a GTE and an LT as two terms read from the start to the index's end, checking the LT on
        // every later entry). The open end and the cursor's own time are checked on each row read.
        var from = query.From;
        var to = query.To;
        if (cursor is not null)
        {
            if (newestFirst)
            {
                to = to is { } t && t < cursor.At ? t : cursor.At;
            }
            else
            {
                from = from is { } f && f > cursor.At ? f : cursor.At;
            }
        }

        if (from is not null || to is not null)
        {
            var low = from is { } l ? new BsonValue(l.UtcDateTime) : BsonValue.MinValue;
            var high = to is { } h ? new BsonValue(h.UtcDateTime) : BsonValue.MaxValue;
            filter = LiteDbFilter.Of($"$.{nameof(AuditEntry.At)} BETWEEN {{0}} AND {{1}}", low, high);
        }

        if (query.ObjectId is { } objectId)
        {
            filter = LiteDbFilter.After(filter, $"$.{nameof(AuditEntry.ObjectId)} = {{0}}", objectId);
        }

        if (query.Actor is { } actor)
        {
            filter = LiteDbFilter.After(filter, $"$.{nameof(AuditEntry.Actor)} = {{0}}", actor);
        }

        if (query.To is { } end)
        {
            filter = LiteDbFilter.After(filter, $"$.{nameof(AuditEntry.At)} < {{0}}", end.UtcDateTime);
        }

        var selected = filter is null ? Collection.Query() : Collection.Query().Where(filter.ToExpression());
        var ordered = newestFirst ? selected.OrderByDescending(ByTime) : selected.OrderBy(ByTime);
        return Task.FromResult(AuditCursor.Page(ordered.ToEnumerable(), cursor, newestFirst, query.Limit));
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var found = query.ObjectId is { } id ? await FindAsync(a => a.ObjectId == id) : await FindAsync(_ => true);
        return [.. found
            .Where(a => query.Actor is null || a.Actor == query.Actor)
            .Where(a => query.From is null || a.At >= query.From)
            .Where(a => query.To is null || a.At < query.To)
            .OrderBy(a => a.At)
            .Take(query.Limit)];
    }
}
