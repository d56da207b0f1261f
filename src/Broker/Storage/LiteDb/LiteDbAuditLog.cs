using Broker.Audit;

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
