using Broker.Storage;

namespace Broker.Audit;

/// <summary>Writes the audit trail: every change of state, by whom, when.</summary>
public sealed class Auditor(IAuditLog log, TimeProvider time)
{
    /// <summary>The actor for changes the broker makes on its own (publishing, retries, recovery).</summary>
    public const string System = "broker";

    public Task RecordAsync(string actor, string action, string objectType, string objectId, string? detail, CancellationToken cancellationToken) =>
        log.WriteAsync(
            new AuditEntry
            {
                Id = Guid.NewGuid().ToString("N"),
                At = time.GetUtcNow(),
                Actor = actor,
                Action = action,
                ObjectType = objectType,
                ObjectId = objectId,
                Detail = detail,
            },
            cancellationToken);
}
