using Broker.Dispatch;
using Broker.Hosting;
using Broker.Scheduling;
using Broker.Storage;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Broker.Telemetry;

public static class TelemetryExtensions
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The broker's metrics and spans, their export (OTLP when <c>Telemetry:Otlp:Endpoint</c> is set, the Prometheus
    /// scrape unless <c>Telemetry:Prometheus:Enabled</c> is false) and the readiness checks. Tracing runs only with OTLP:
    /// without an exporter nobody would read the spans, and without a listener they cost nothing.
    /// </summary>
    public static IHostApplicationBuilder AddBrokerTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.Section);
        builder.Services.AddValidatedOptions<HealthOptions, HealthOptionsValidator>(HealthOptions.Section);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<BrokerMetrics>();
        builder.Services.AddSingleton<DeliveryQueueDepth>();
        builder.Services.AddSingleton<MetricsAccess>();
        builder.Services.AddHostedService<TelemetryGauges>();

        builder.Services.AddSingleton<StorageHealthCheck>();
        builder.Services.AddSingleton<JournalHealthCheck>();
        builder.Services.AddSingleton<SchedulerHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("database", timeout: ProbeTimeout)
            .AddCheck<SchedulerHealthCheck>("scheduler", timeout: ProbeTimeout)
            .AddCheck<JournalHealthCheck>("journal", timeout: ProbeTimeout);

        var settings = Settings(builder.Configuration);
        var otlp = settings.Otlp.EndpointUri;
        if (otlp is null && !settings.Prometheus.Enabled)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("broker"))
            .WithMetrics(m =>
            {
                m.AddMeter(BrokerMetrics.MeterName, "System.Runtime").AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (settings.Prometheus.Enabled)
                {
                    m.AddPrometheusExporter();
                }
            });
        if (otlp is not null)
        {
            telemetry
                .WithTracing(t => t
                    .AddSource(BrokerActivities.SourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsTelemetryPath(context.Request.Path))
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter(settings.Otlp.Protocol, otlp);
        }

        return builder;
    }

    /// <summary><c>/health</c>, <c>/health/live</c>, <c>/health/ready</c>, and <c>/metrics</c> when the scrape is on.</summary>
    public static WebApplication MapBrokerTelemetry(this WebApplication app)
    {
        app.MapBrokerHealth();
        if (Settings(app.Configuration).Prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: MetricsAccess.Gate, optionsName: null)
                .AllowAnonymous();
        }

        return app;
    }

    // Read before the container is built (what to register depends on it); settings the validator refuses register the
    // defaults, and the start then fails naming them.
    private static TelemetryOptions Settings(IConfiguration configuration) =>
        configuration.BindNow<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.Section, new TelemetryOptionsValidator()) ?? new TelemetryOptions();

    // Probes and scrapes every few seconds would drown the traces that matter.
    private static bool IsTelemetryPath(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
