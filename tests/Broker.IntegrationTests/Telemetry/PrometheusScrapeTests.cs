using System.Net;
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Telemetry;

/// <summary>
/// <c>/metrics</c> over HTTP. The exporter listens to every meter named "Broker" in the process, so these tests run
/// alone (<see cref="ProcessWideTelemetry"/>): another test's broker would add to the numbers.
/// </summary>
[Collection(ProcessWideTelemetry.Name)]
public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task The_prometheus_scrape_shows_published_deliveries_by_platform_and_the_scheduled_queue()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Telemetry:QueueDepthInterval"] = "00:00:01");
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var now = await scenario.SubmitItemAsync("diskominfo", [fb]);
        var later = await scenario.SubmitItemAsync("diskominfo", [fb], title: "Besok", publishAt: TimeProvider.System.GetUtcNow().AddHours(3));
        await scenario.Api.PostExpectAsync($"/api/items/{now}/approve", null, 200);
        await scenario.Api.PostExpectAsync($"/api/items/{later}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(now, "published");

        // The queue is counted in the background (every Telemetry:QueueDepthInterval): a scrape shows the last count,
        // which on PostgreSQL may still be one taken before the approvals. A later scrape shows the scheduled delivery.
        var scrape = await Eventually.WaitAsync(
            () => scenario.Api.GetStringAsync("/metrics"),
            text => text.Contains("broker_deliveries_queued{", StringComparison.Ordinal)
                && PrometheusText.Sample(text, "broker_deliveries_queued", "status=\"scheduled\"") == 1,
            "the scheduled delivery in the scrape's queue depth");

        Assert.Equal(1, PrometheusText.Sample(scrape, "broker_deliveries_total", "outcome=\"published\"", "platform=\"facebook\""));
        Assert.Equal(1, PrometheusText.Sample(scrape, "broker_deliveries_queued", "status=\"scheduled\""));
        Assert.Contains("broker_publish_duration_seconds_bucket", scrape, StringComparison.Ordinal);
        Assert.Contains("broker_delivery_lateness_seconds_bucket", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scrape_is_refused_to_clients_outside_the_allowed_networks()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Telemetry:Prometheus:AllowedNetworks:0"] = "127.0.0.1/32");
        using var outsider = scenario.Broker.ClientFrom(IPAddress.Parse("127.0.0.2"));
        using var insider = scenario.Broker.ClientFrom(IPAddress.Loopback);

        var refused = await outsider.GetAsync("/metrics");
        var served = await insider.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("broker_", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task With_the_scrape_turned_off_there_is_no_metrics_endpoint()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Telemetry:Prometheus:Enabled"] = "false");

        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Api.GetAsync("/metrics")).StatusCode);
    }
}
