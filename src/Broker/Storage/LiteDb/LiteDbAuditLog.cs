using Broker.Audit;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbAuditLog : LiteDbCollection<AuditEntry>, IAuditLog
{
    public const string Name = "audit";

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
        var query = Query.And(
            Query.GT("_id", afterId is null ? BsonValue.MinValue : new BsonValue(afterId)),
            Query.GTE(nameof(AuditEntry.At), new BsonValue(from.UtcDateTime)),
            Query.LT(nameof(AuditEntry.At), new BsonValue(to.UtcDateTime)));
        IReadOnlyList<AuditEntry> page = [.. Collection.Query().Where(query).OrderBy("_id").Limit(limit).ToEnumerable()];
        return Task.FromResult(page);
    }

    public Task<IReadOnlyList<AuditEntry>> PageAsync(AuditQuery query, AuditCursor? cursor, bool newestFirst, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var conditions = new List<BsonExpression>();
        if (query.ObjectId is { } objectId)
        {
            conditions.Add(Query.EQ(nameof(AuditEntry.ObjectId), objectId));
        }

        if (query.Actor is { } actor)
        {
            conditions.Add(Query.EQ(nameof(AuditEntry.Actor), actor));
        }

        if (query.From is { } from)
        {
            conditions.Add(Query.GTE(nameof(AuditEntry.At), new BsonValue(from.UtcDateTime)));
        }

        if (query.To is { } to)
        {
            conditions.Add(Query.LT(nameof(AuditEntry.At), new BsonValue(to.UtcDateTime)));
        }

        if (cursor is not null)
        {
            var at = new BsonValue(cursor.At.UtcDateTime);
            conditions.Add(newestFirst ? Query.LTE(nameof(AuditEntry.At), at) : Query.GTE(nameof(AuditEntry.At), at));
        }

        var selected = Collection.Query();
        if (conditions.Count > 0)
        {
            selected = selected.Where(conditions.Count == 1 ? conditions[0] : Query.And([.. conditions]));
        }

        var ordered = newestFirst ? selected.OrderByDescending(nameof(AuditEntry.At)) : selected.OrderBy(nameof(AuditEntry.At));
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
