namespace Broker.Events;

/// <summary>
/// The outbox: events in the order they were committed, and each consumer's cursor into them. Events are written only
/// in the commit of the state change that caused them (<see cref="Storage.IStateChanges.CommitAsync"/>, or a store's own
/// compare-and-set such as <see cref="Storage.IWebhookStore"/>'s), never on their own: none is lost, none is invented.
/// </summary>
public interface IEventOutbox
{
    /// <summary>Up to <paramref name="limit"/> committed events after <paramref name="after"/>, in outbox order.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadAfterAsync(OutboxPosition after, int limit, CancellationToken cancellationToken);

    /// <summary>The position of the last event <paramref name="consumer"/> acknowledged, or <see cref="OutboxPosition.Start"/>.</summary>
    Task<OutboxPosition> CursorAsync(string consumer, CancellationToken cancellationToken);

    /// <summary>Moves <paramref name="consumer"/>'s cursor to <paramref name="position"/>: after a restart it resumes there.</summary>
    Task AcknowledgeAsync(string consumer, OutboxPosition position, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="limit"/> of the oldest events at or before <paramref name="through"/> (a position
    /// every consumer has acknowledged) that occurred before <paramref name="before"/>, in one commit; returns how many.
    /// </summary>
    Task<int> PruneAsync(OutboxPosition through, DateTimeOffset before, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Whether this node is the one that dispatches events now. On LiteDB (one process) always; on PostgreSQL the node
    /// holding a session advisory lock, taken over by another node when its connection dies.
    /// </summary>
    Task<bool> TryLeadAsync(CancellationToken cancellationToken);
}
