namespace Broker.Dispatch.CircuitBreaker;

/// <summary>The circuit breaker each channel account has (<c>Delivery:CircuitBreaker</c> section).</summary>
public sealed class CircuitBreakerOptions
{
    public const string Section = "Delivery:CircuitBreaker";

    /// <summary>Consecutive transient failures (or unknown outcomes) of one account that open its circuit; 0 turns breakers off.</summary>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>How long an open circuit keeps the account's deliveries waiting before one of them probes the platform.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromMinutes(1);
}
