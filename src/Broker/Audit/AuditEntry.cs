namespace Broker.Audit;

/// <summary>Who did what to which object, and when.</summary>
public sealed class AuditEntry
{
    public required string Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string ObjectType { get; set; }

    public required string ObjectId { get; set; }

    public string? Detail { get; set; }
}
