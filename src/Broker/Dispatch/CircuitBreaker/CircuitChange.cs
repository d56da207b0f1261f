namespace Broker.Dispatch.CircuitBreaker;

/// <summary>How an attempt's outcome changed its account's circuit, when it did.</summary>
public abstract record CircuitChange
{
    private CircuitChange()
    {
    }

    /// <summary>The account failed too often: its deliveries wait until <paramref name="Until"/>.</summary>
    public sealed record Opened(DateTimeOffset Until, int Failures, string LastFailure) : CircuitChange;

    /// <summary>The account works again: <paramref name="Released"/> are the deliveries that waited for it.</summary>
    public sealed record Closed(IReadOnlyList<string> Released) : CircuitChange;
}
