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
