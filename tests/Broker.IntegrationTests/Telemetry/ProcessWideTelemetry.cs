namespace Broker.IntegrationTests.Telemetry;

/// <summary>
/// Tests that read what the whole process measures (an OpenTelemetry exporter subscribes to meters by name, not by
/// host) run after the others, one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideTelemetry
{
    public const string Name = "Process-wide telemetry";
}
