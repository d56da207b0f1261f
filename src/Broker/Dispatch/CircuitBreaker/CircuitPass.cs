namespace Broker.Dispatch.CircuitBreaker;

/// <summary>
/// What an account's circuit says about one delivery: go ahead (perhaps as the probe of a half-open circuit), or wait
/// until <see cref="WaitUntil"/> without an attempt.
/// </summary>
public readonly record struct CircuitPass(DateTimeOffset? WaitUntil, string? Reason, bool Probe)
{
    public static CircuitPass Go { get; } = new(null, null, false);

    public static CircuitPass AsProbe { get; } = new(null, null, true);

    public static CircuitPass Wait(DateTimeOffset until, string reason) => new(until, reason, false);
}
