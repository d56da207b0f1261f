using Broker.Adapters;

namespace Broker.Dispatch.CircuitBreaker;

/// <summary>A delivery held back by its account's open circuit: it waits (no outcome), or it ends with <paramref name="Ending"/>.</summary>
public sealed record CircuitEntry(PublishOutcome? Ending)
{
    public static CircuitEntry Waiting { get; } = new((PublishOutcome?)null);
}
