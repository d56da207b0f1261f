using System.Diagnostics;

namespace Broker.Telemetry;

/// <summary>
/// The broker's spans, on one <see cref="ActivitySource"/> named <see cref="SourceName"/>. Static, as an activity
/// source is meant to be: with no listener (tracing is off unless <c>Telemetry:Otlp:Endpoint</c> is set) starting a
/// span returns null and costs a branch.
/// </summary>
public static class BrokerActivities
{
    public const string SourceName = "Broker";

    public static ActivitySource Source { get; } = new(SourceName);
}
