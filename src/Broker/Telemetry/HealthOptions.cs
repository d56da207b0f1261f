namespace Broker.Telemetry;

/// <summary>What readiness tolerates and how often it writes to prove storage works (<c>Health</c> section).</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Deliveries stuck in publishing beyond which the broker is not ready (up to it, only degraded).</summary>
    public int MaxStuckPublishing { get; set; } = 10;

    /// <summary>
    /// How often, at most, a health check writes to the database and the journal; between probes it answers with the last
    /// result, so an anonymous caller cannot turn <c>/health</c> into a stream of writes.
    /// </summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(10);
}
