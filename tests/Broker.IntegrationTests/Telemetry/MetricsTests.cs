using System.Diagnostics.Metrics;
using Broker.Adapters;
using Broker.Dispatch;
using Broker.Dispatch.CircuitBreaker;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Sharing;
using Broker.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Broker.IntegrationTests.Telemetry;

/// <summary>The broker's instruments, read through the real host's <see cref="IMeterFactory"/> and its Prometheus scrape.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Publishing_a_delivery_counts_it_as_published_for_its_platform_and_times_the_call_its_lateness_commits_and_fsyncs()
    {
        await using var scenario = await Scenario.StartAsync();
        var meters = scenario.Broker.Services.GetRequiredService<IMeterFactory>();
        using var delivered = Collect<long>(meters, "broker.deliveries");
        using var duration = Collect<double>(meters, "broker.publish.duration");
        using var lateness = Collect<double>(meters, "broker.delivery.lateness");
        using var batches = Collect<int>(meters, "broker.storage.commit.batch_size");
        using var fsyncs = Collect<double>(meters, "broker.storage.fsync.duration");
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);

        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(id, "published");

        var published = Assert.Single(delivered.GetMeasurementSnapshot());
        Assert.Equal(1, published.Value);
        Assert.Equal("facebook", published.Tags["platform"]);
        Assert.Equal("published", published.Tags["outcome"]);
        var call = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal("facebook", call.Tags["platform"]);
        Assert.InRange(call.Value, 0, 30);
        var late = Assert.Single(lateness.GetMeasurementSnapshot());
        Assert.InRange(late.Value, 0, 30); // approved with no time: due at approval, called at once
#if !ON_POSTGRESQL // LiteDB's group commit and the intent journal file; PostgreSQL has neither
        Assert.Contains(batches.GetMeasurementSnapshot(), b => b.Value >= 1);
        Assert.Contains(fsyncs.GetMeasurementSnapshot(), f => Equals(f.Tags["file"], "log"));
        Assert.Contains(fsyncs.GetMeasurementSnapshot(), f => Equals(f.Tags["file"], "journal"));
#endif
    }

    [Fact]
    public async Task An_open_circuit_shows_as_open_for_its_account_until_an_answer_closes_it()
    {
        await using var scenario = await Scenario.StartAsync();
        var meters = scenario.Broker.Services.GetRequiredService<IMeterFactory>();
        var circuits = scenario.Broker.Services.GetRequiredService<AccountCircuitBreakers>();
        using var states = Collect<int>(meters, "broker.circuit.state");
        for (var failure = 1; failure <= 5; failure++)
        {
            circuits.Record("account-1", $"delivery-{failure}", new PublishOutcome.Transient("platform down", null));
        }

        states.RecordObservableInstruments();
        var open = Assert.Single(states.GetMeasurementSnapshot());
        circuits.Record("account-1", "delivery-6", new PublishOutcome.Failed("refused, but an answer"));
        states.Clear();
        states.RecordObservableInstruments();

        Assert.Equal((int)CircuitState.Open, open.Value);
        Assert.Equal("account-1", open.Tags["account"]);
        Assert.Empty(states.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task A_followed_share_link_records_how_long_its_click_waited_for_the_click_writer()
    {
        await using var scenario = await Scenario.StartAsync();
        using var lag = Collect<double>(scenario.Broker.Services.GetRequiredService<IMeterFactory>(), "broker.clicks.write_lag");
        var item = await ShareLinkTests.SharedItemAsync(scenario);
        var link = await scenario.Api.GetJsonAsync($"/api/items/{item}/share-link?asn=198703152010011002");
        using var visitor = scenario.ClientWith(null);

        await visitor.GetAsync(new Uri(link.Str("url")));

        var recorded = await Eventually.WaitAsync(() => Task.FromResult(lag.GetMeasurementSnapshot()), m => m.Count > 0, "the click to be written");
        Assert.InRange(Assert.Single(recorded).Value, 0, 30);
    }

    private static MetricCollector<T> Collect<T>(IMeterFactory meters, string instrument)
        where T : struct => new(meters, BrokerMetrics.MeterName, instrument);
}
