using Broker.Storage;

namespace Broker.Audit;

/// <summary>Writes the audit trail: every change of state, by whom, when.</summary>
public sealed class Auditor(IAuditLog log, TimeProvider time)
{
    /// <summary>The actor for changes the broker makes on its own (publishing, retries, recovery).</summary>
    public const string System = "broker";

    public Task RecordAsync(string actor, string action, string objectType, string objectId, string? detail, CancellationToken cancellationToken) =>
        log.WriteAsync(Entry(actor, action, objectType, objectId, detail), cancellationToken);

    /// <summary>An entry to commit with the change it describes (<see cref="StateChange.Record"/>).</summary>
    public AuditEntry Entry(string actor, string action, string objectType, string objectId, string? detail) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        At = time.GetUtcNow(),
        Actor = actor,
        Action = action,
        ObjectType = objectType,
        ObjectId = objectId,
        Detail = detail,
    };
}
