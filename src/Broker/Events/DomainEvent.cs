namespace Broker.Events;

/// <summary>
/// Something that happened to one object, recorded in the same commit as the state change that caused it (the outbox),
/// then handed to every <see cref="IEventConsumer"/> at least once, in order per object.
/// </summary>
public sealed class DomainEvent
{
    /// <summary>Unique and stable: consumers use it as the idempotency key (a webhook's <c>webhook-id</c>).</summary>
    public required string Id { get; set; }

    /// <summary>One of <see cref="EventTypes"/>, for example <c>item.approved</c>.</summary>
    public required string Type { get; set; }

    /// <summary>The kind of object the event is about: <c>item</c>, <c>delivery</c>, <c>account</c>, <c>amplification</c>, <c>suspension</c>.</summary>
    public required string ObjectType { get; set; }

    public required string ObjectId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The OPD the object belongs to, when it has one: notifications are routed by it.</summary>
    public string? Opd { get; set; }

    /// <summary>The user who caused it, when a person did.</summary>
    public string? Actor { get; set; }

    /// <summary>Small facts a consumer needs without reading the object again (title, reason, channel, account id…).</summary>
    public Dictionary<string, string> Data { get; set; } = [];
}
