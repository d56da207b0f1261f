namespace Broker.Events;

/// <summary>
/// The outbox: events in the order they were committed, and each consumer's cursor into them. Events caused by a state
/// change are written by <see cref="Storage.IStateChanges.CommitAsync"/> in the same commit; <see cref="AppendAsync"/>
/// is for an event that belongs to no item, delivery or request change (an account on hold, a circuit that opened).
/// </summary>
public interface IEventOutbox
{
    /// <summary>Writes one event that stands on its own, committed when this returns.</summary>
    Task AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> committed events after <paramref name="after"/>, in outbox order.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadAfterAsync(OutboxPosition after, int limit, CancellationToken cancellationToken);

    /// <summary>The position of the last event <paramref name="consumer"/> acknowledged, or <see cref="OutboxPosition.Start"/>.</summary>
    Task<OutboxPosition> CursorAsync(string consumer, CancellationToken cancellationToken);

    /// <summary>Moves <paramref name="consumer"/>'s cursor to <paramref name="position"/>: after a restart it resumes there.</summary>
    Task AcknowledgeAsync(string consumer, OutboxPosition position, CancellationToken cancellationToken);

    /// <summary>
    /// Whether this node is the one that dispatches events now. On LiteDB (one process) always; on PostgreSQL the node
    /// holding a session advisory lock, taken over by another node when its connection dies.
    /// </summary>
    Task<bool> TryLeadAsync(CancellationToken cancellationToken);
}
