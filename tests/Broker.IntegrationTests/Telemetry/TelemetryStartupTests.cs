using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Telemetry;

/// <summary>Export switched on by configuration, checked at start; JSON console logs as a one-line switch.</summary>
public sealed class TelemetryStartupTests
{
    [Fact]
    public void An_otlp_endpoint_that_is_not_an_absolute_http_address_stops_the_start_naming_the_key()
    {
        var folder = Directory.CreateTempSubdirectory("broker-telemetry-").FullName;
        try
        {
            var failure = Assert.Throws<OptionsValidationException>(() => BrokerHost.Build(new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Sandbox:Enabled"] = "false",
                ["Storage:DatabasePath"] = Path.Combine(folder, "broker.db"),
                ["DataProtection:KeysPath"] = Path.Combine(folder, "keys"),
                ["Telemetry:Otlp:Endpoint"] = "otel-collector:4317",
                ["Telemetry:Prometheus:AllowedNetworks:0"] = "the office",
            }));
            Assert.Contains("Telemetry:Otlp:Endpoint: 'otel-collector:4317'", failure.Message, StringComparison.Ordinal);
            Assert.Contains("Telemetry:Prometheus:AllowedNetworks: 'the office'", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_dispatch_span_and_the_broker_metrics_reach_the_collector()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var scenario = await Scenario.StartAsync(configure: s =>
        {
            s["Telemetry:Otlp:Endpoint"] = collector.BaseUrl;
            s["Telemetry:Otlp:Protocol"] = "HttpProtobuf";
            s["OTEL_BSP_SCHEDULE_DELAY"] = "100";
            s["OTEL_METRIC_EXPORT_INTERVAL"] = "200";
        });
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);
        var approved = await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(id, "published");
        var deliveryId = approved["deliveries"]![0]!.Str("id");

        // OTLP is protobuf; its strings (span names, attribute values, metric names) travel as UTF-8 bytes.
        await Eventually.WaitAsync(
            () => Task.FromResult(collector.Received("/v1/traces")),
            bodies => bodies.Any(b => b.Contains("dispatch delivery", StringComparison.Ordinal) && b.Contains(deliveryId, StringComparison.Ordinal)),
            "the dispatch span at the collector");
        await Eventually.WaitAsync(
            () => Task.FromResult(collector.Received("/v1/metrics")),
            bodies => bodies.Any(b => b.Contains("broker.deliveries", StringComparison.Ordinal)),
            "the deliveries counter at the collector");
    }

    [Fact]
    public async Task The_json_console_formatter_switch_makes_every_log_line_a_json_object()
    {
        var folder = Directory.CreateTempSubdirectory("broker-json-logs-").FullName;
        try
        {
            await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
            await using var broker = BrokerProcess.OnSandbox(folder, sandbox, new()
            {
                ["Logging__Console__FormatterName"] = "json",
                ["Logging__LogLevel__Default"] = "Information",
            });

            await broker.StartAsync();
            var lines = await Eventually.WaitAsync(
                () => Task.FromResult(broker.Output.ToList()),
                l => l.Any(line => line.Contains("Now listening on", StringComparison.Ordinal)),
                "the start-up log");

            Assert.All(lines, line =>
            {
                using var entry = JsonDocument.Parse(line);
                Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _));
                Assert.True(entry.RootElement.TryGetProperty("Category", out _));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>An OTLP/HTTP receiver on loopback that keeps each request body, by path.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Path, string Body)> received = new();
        private WebApplication app = null!;

        public string BaseUrl { get; private set; } = null!;

        public static async Task<OtlpCollector> StartAsync()
        {
            var collector = new OtlpCollector();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            collector.app = builder.Build();
            collector.app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                collector.received.Enqueue((context.Request.Path.Value!, Encoding.UTF8.GetString(body.ToArray())));
                return Results.Ok();
            });
            await collector.app.StartAsync();
            collector.BaseUrl = collector.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return collector;
        }

        public List<string> Received(string path) => [.. received.Where(r => r.Path == path).Select(r => r.Body)];

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
