using System.Net;
using Microsoft.Extensions.Options;

namespace Broker.Telemetry;

/// <summary>Names every wrong telemetry setting, so a start fails once with all of them.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Otlp.Endpoint) && options.Otlp.EndpointUri is null)
        {
            problems.Add($"Telemetry:Otlp:Endpoint: '{options.Otlp.Endpoint}' is not an absolute http or https address such as http://otel-collector:4317.");
        }

        problems.AddRange(options.Prometheus.AllowedNetworks.Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => $"Telemetry:Prometheus:AllowedNetworks: '{n}' is not a network such as 10.0.0.0/24."));
        if (options.QueueDepthInterval < TimeSpan.FromSeconds(1) || options.QueueDepthInterval > TimeSpan.FromHours(1))
        {
            problems.Add($"Telemetry:QueueDepthInterval: {options.QueueDepthInterval} is not between 1 second and 1 hour.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
