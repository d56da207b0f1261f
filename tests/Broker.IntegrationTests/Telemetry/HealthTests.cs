using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using Broker.Dispatch;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Broker.Storage.LiteDb;
using Broker.Telemetry;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace Broker.IntegrationTests.Telemetry;

/// <summary>Liveness answers while the process runs; readiness checks the database, the scheduler, the journal and stuck deliveries.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task A_healthy_broker_is_live_and_ready_with_every_check_named()
    {
        await using var scenario = await Scenario.StartAsync();

        var live = await scenario.Api.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());

        // Ready once Quartz's hosted service has started the scheduler, a moment after the host (longer on the clustered
        // store): until then readiness rightly says no.
        var (status, body) = await Eventually.WaitAsync(
            async () =>
            {
                using var ready = await scenario.Api.GetAsync("/health/ready");
                return (ready.StatusCode, await ready.Content.ReadAsStringAsync());
            },
            r => r.StatusCode == HttpStatusCode.OK,
            "the broker to be ready",
            TimeSpan.FromSeconds(20));
        var report = JsonNode.Parse(body)!;
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal("Healthy", report.Str("status"));
        Assert.Equal(["database", "durability", "journal", "publishing", "scheduler"], report["checks"]!.AsObject().Select(c => c.Key).Order());
        Assert.Equal("Healthy", await scenario.Api.GetStringAsync("/health"));
    }

    [Fact]
    public async Task A_scheduler_in_standby_makes_the_broker_unready_but_still_live_until_it_runs_again()
    {
        await using var scenario = await Scenario.StartAsync();
        var scheduler = await scenario.Broker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        // Quartz's hosted service starts the scheduler once the host has started (the clustered store takes a moment):
        // a standby before that would be undone by the start.
        await Eventually.WaitAsync(async () => await scheduler.GetStatus(), s => s == SchedulerStatus.Running, "the scheduler to run");
        await scheduler.Standby();
        var ready = await scenario.Api.GetAsync("/health/ready");
        var live = await scenario.Api.GetAsync("/health/live");
        var legacy = await scenario.Api.GetAsync("/health");
        await scheduler.Start();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Unhealthy", report["checks"]!["scheduler"]!.Str("status"));
        Assert.Contains("Standby", report["checks"]!["scheduler"]!.Str("description"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, legacy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Api.GetAsync("/health/ready")).StatusCode);
    }

#if !ON_POSTGRESQL // LiteDB's own machinery, see Broker.IntegrationTests.PostgreSql.csproj
    [Fact]
    public async Task A_journal_that_cannot_be_written_makes_the_broker_unready_and_its_probe_lines_are_not_taken_for_intents()
    {
        await using var scenario = await Scenario.StartAsync(configure: s => s["Health:ProbeInterval"] = "00:00:01");
        var journal = scenario.Broker.Services.GetRequiredService<IntentJournal>();
        Assert.Equal(HttpStatusCode.OK, (await scenario.Api.GetAsync("/health/ready")).StatusCode);
        journal.BeforeWrite = _ => throw new IOException("injected: no space left on device");

        var unready = await Eventually.WaitAsync(
            () => scenario.Api.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable, "readiness to see the journal fail");
        var live = await scenario.Api.GetAsync("/health/live");
        journal.BeforeWrite = null;
        await Eventually.WaitAsync(() => scenario.Api.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "readiness to come back");

        var report = JsonNode.Parse(await unready.Content.ReadAsStringAsync())!;
        Assert.Equal("Unhealthy", report["checks"]!["journal"]!.Str("status"));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains(IntentJournal.ProbeLine, journal.ReadAll());

        // A restart compacts the journal to the unfinished deliveries: the probe line is gone.
        await scenario.Broker.RestartAsync();
        Assert.DoesNotContain(IntentJournal.ProbeLine, scenario.Broker.Services.GetRequiredService<IntentJournal>().ReadAll());
    }
#endif

#if !ON_POSTGRESQL // LiteDB's own machinery, see Broker.IntegrationTests.PostgreSql.csproj
    [Fact]
    public async Task More_deliveries_stuck_in_publishing_than_allowed_make_the_broker_unready_and_show_in_the_stuck_gauge()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock, s => s["Health:MaxStuckPublishing"] = "0");
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb], publishAt: clock.GetUtcNow().AddMinutes(2));
        var approved = await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Api.GetAsync("/health/ready")).StatusCode);

        // As a lost outcome leaves it: publishing, its attempt begun ten minutes ago, nothing in flight in this process.
        var database = scenario.Broker.Services.GetRequiredService<BrokerDatabase>();
        var deliveries = database.Collection<BsonDocument>("deliveries");
        var stuck = deliveries.FindById(approved["deliveries"]![0]!.Str("id"));
        stuck["Status"] = "Publishing";
        stuck["LastAttemptAt"] = clock.GetUtcNow().AddMinutes(-10).UtcDateTime;
        database.Write(() => deliveries.Update(stuck));

        var ready = await scenario.Api.GetAsync("/health/ready");
        var live = await scenario.Api.GetAsync("/health/live");
        using var gauge = new MetricCollector<int>(scenario.Broker.Services.GetRequiredService<IMeterFactory>(), BrokerMetrics.MeterName, "broker.deliveries.stuck");
        gauge.RecordObservableInstruments();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Contains("Health:MaxStuckPublishing", report["checks"]!["publishing"]!.Str("description"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(1, gauge.LastMeasurement?.Value);
    }
#endif
}
