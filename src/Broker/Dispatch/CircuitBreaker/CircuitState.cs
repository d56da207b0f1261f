namespace Broker.Dispatch.CircuitBreaker;

/// <summary>An account's circuit as the metrics show it; the values are the gauge's (<c>broker.circuit.state</c>).</summary>
public enum CircuitState
{
    Closed = 0,
    Open = 1,
    HalfOpen = 2,
}
