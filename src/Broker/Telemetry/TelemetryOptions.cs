using OpenTelemetry.Exporter;

namespace Broker.Telemetry;

/// <summary>Where metrics and traces go (<c>Telemetry</c> section); validated at start (<see cref="TelemetryOptionsValidator"/>).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public OtlpSettings Otlp { get; set; } = new();

    public PrometheusSettings Prometheus { get; set; } = new();

    /// <summary>How often, at most, the store counts pending deliveries for the queue-depth gauge (only while it is read).</summary>
    public TimeSpan QueueDepthInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>OpenTelemetry's own protocol, to a collector. Off while <see cref="Endpoint"/> is empty.</summary>
    public sealed class OtlpSettings
    {
        /// <summary>The collector's base address, for example <c>http://otel-collector:4317</c>; absolute, http or https.</summary>
        public string? Endpoint { get; set; }

        public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;

        /// <summary>The endpoint when one is set and valid; else null (the validator reports an invalid one at start).</summary>
        public Uri? EndpointUri =>
            Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
    }

    /// <summary>The scrape endpoint <c>/metrics</c>, open only to the networks listed.</summary>
    public sealed class PrometheusSettings
    {
        public bool Enabled { get; set; } = true;

        /// <summary>
        /// Networks (CIDR) whose clients may scrape. Empty, the default: loopback only (127.0.0.0/8 and ::1). Listing
        /// networks replaces that; list 127.0.0.0/8 among them to keep loopback.
        /// </summary>
        public List<string> AllowedNetworks { get; set; } = [];
    }
}
