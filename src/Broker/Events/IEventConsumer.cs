namespace Broker.Events;

/// <summary>
/// Receives every event from the outbox at least once, in order per object (notifications, webhooks). The outbox
/// dispatcher keeps a cursor per consumer <see cref="Name"/>; a consumer must tolerate seeing an event twice
/// (use <see cref="DomainEvent.Id"/>).
/// </summary>
public interface IEventConsumer
{
    /// <summary>Stable: the dispatcher stores each consumer's progress under it.</summary>
    string Name { get; }

    Task HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken);
}
