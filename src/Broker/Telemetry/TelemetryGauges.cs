using System.Diagnostics.Metrics;
using Broker.Dispatch;
using Broker.Dispatch.CircuitBreaker;
using Broker.Sharing;

namespace Broker.Telemetry;

/// <summary>
/// The observable gauges: each reads state its owner keeps anyway (a count from the last sweep, the circuits in memory,
/// the click queue's length, a periodic count of pending deliveries), so a scrape costs no query of its own. Made at
/// start so the gauges exist before the first scrape.
/// </summary>
internal sealed class TelemetryGauges : IHostedService
{
    public TelemetryGauges(BrokerMetrics metrics, DeliveryQueueDepth queue, PublishingSweep sweep, AccountCircuitBreakers circuits, ClickRecorder clicks)
    {
        var meter = metrics.Meter;
        meter.CreateObservableGauge("broker.deliveries.queued", () => Queued(queue), "{delivery}", "Deliveries waiting to be published, by status (scheduled, retrying); counted every Telemetry:QueueDepthInterval.");
        meter.CreateObservableGauge("broker.deliveries.stuck", () => Stuck(sweep), "{delivery}", "Deliveries publishing past Delivery:PublishingTimeout at the last sweep or health check.");
        meter.CreateObservableGauge("broker.circuit.state", () => Circuits(circuits), "{state}", "Per account with failures counted: 0 closed, 1 open, 2 half-open.");
        meter.CreateObservableGauge("broker.clicks.queued", () => clicks.Queued, "{click}", "Share-link clicks queued for the click writer.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<Measurement<long>> Queued(DeliveryQueueDepth queue) => queue.Read() is { } counts
        ? [new(counts.Scheduled, new KeyValuePair<string, object?>("status", "scheduled")), new(counts.Retrying, new KeyValuePair<string, object?>("status", "retrying"))]
        : [];

    private static IEnumerable<Measurement<int>> Stuck(PublishingSweep sweep) => sweep.LastStuck is { } stuck ? [new(stuck)] : [];

    private static IEnumerable<Measurement<int>> Circuits(AccountCircuitBreakers circuits) =>
        circuits.Snapshot().Select(c => new Measurement<int>((int)c.State, new KeyValuePair<string, object?>("account", c.AccountId)));
}
