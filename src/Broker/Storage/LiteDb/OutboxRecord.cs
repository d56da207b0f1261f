using Broker.Events;

namespace Broker.Storage.LiteDb;

/// <summary>An event in the LiteDB outbox: its sequence is the document's id, given by LiteDB in the writer's turn.</summary>
internal sealed class OutboxRecord
{
    public long Id { get; set; }

    public required DomainEvent Event { get; set; }
}
