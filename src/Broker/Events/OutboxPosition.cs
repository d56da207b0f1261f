namespace Broker.Events;

/// <summary>
/// Where an event stands in the outbox, and so where a consumer's cursor stands: events are read in this order. On
/// LiteDB <see cref="Transaction"/> is always 0 and <see cref="Sequence"/> says it all (one writer, so sequences commit in
/// order). On PostgreSQL a sequence taken by a transaction that commits later could be skipped by a reader that already
/// went past it, so events are read in the order of the transaction that wrote them, then of their sequence, and only
/// from transactions older than every one still running (see <c>PgEventOutbox</c>).
/// </summary>
public readonly record struct OutboxPosition(long Transaction, long Sequence)
{
    /// <summary>Before the first event: where a new consumer starts.</summary>
    public static OutboxPosition Start => default;

    public bool IsAfter(OutboxPosition other) =>
        Transaction > other.Transaction || (Transaction == other.Transaction && Sequence > other.Sequence);
}
