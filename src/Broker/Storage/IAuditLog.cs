using Broker.Audit;

namespace Broker.Storage;

public interface IAuditLog
{
    Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// A page of the entries <paramref name="query"/> selects (up to its limit), ordered by time and id, newest or oldest
    /// first, after <paramref name="cursor"/>: read through the time (or object) index, never filtered whole in memory.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> PageAsync(AuditQuery query, AuditCursor? cursor, bool newestFirst, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> entries made in [<paramref name="from"/>, <paramref name="to"/>), in id order, after <paramref name="afterId"/>: a page at a time.</summary>
    Task<IReadOnlyList<AuditEntry>> ListPageAsync(DateTimeOffset from, DateTimeOffset to, string? afterId, int limit, CancellationToken cancellationToken);
}
