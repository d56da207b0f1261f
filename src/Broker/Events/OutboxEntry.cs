namespace Broker.Events;

/// <summary>An event as the outbox hands it out: the event and where it stands.</summary>
public sealed record OutboxEntry(OutboxPosition Position, DomainEvent Event);
