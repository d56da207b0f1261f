using Broker.Dispatch;
using Broker.Dispatch.CircuitBreaker;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Faults;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace Broker.IntegrationTests.Dispatch;

/// <summary>
/// A delivery that resumes (after a re-authorisation hold, a circuit break or an operator's retry) is due at the later of
/// now and its scheduled time: an embargoed post never goes early. On a moved clock.
/// </summary>
public sealed class ResumeScheduleTests
{
    private static readonly TimeSpan Embargo = TimeSpan.FromHours(36);

    [Fact]
    public async Task New_credentials_resume_an_embargoed_delivery_at_its_scheduled_time_not_at_once()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock);
        var (fb, due, embargoed) = await HoldBothAsync(scenario, clock);

        await scenario.Api.SendAsync(HttpMethod.Put, $"/api/accounts/{fb}/credentials", new { credentials = new { accessToken = "new-token" } });

        await scenario.WaitForItemStatusAsync(due, "published");
        var delivery = (await scenario.ItemAsync(embargoed))["deliveries"]![0]!;
        Assert.Equal("retrying", delivery.Str("status"));
        Assert.Equal(delivery["scheduledAt"]!.GetValue<DateTimeOffset>(), delivery["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Single(scenario.Sandbox.State.Posts("facebook"));
    }

    [Fact]
    public async Task An_operator_retry_of_an_embargoed_delivery_keeps_its_scheduled_time()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock);
        var (_, _, embargoed) = await HoldBothAsync(scenario, clock);
        var held = (await scenario.ItemAsync(embargoed))["deliveries"]![0]!;
        var scheduledAt = held["scheduledAt"]!.GetValue<DateTimeOffset>();

        var retried = await scenario.Api.PostExpectAsync($"/api/deliveries/{held.Str("id")}/retry", null, 200);

        Assert.Equal(scheduledAt, retried["scheduledAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(scheduledAt, retried["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.True(scheduledAt > clock.GetUtcNow() + Embargo - TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_delivery_released_by_a_closing_circuit_waits_for_its_scheduled_time()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await Scenario.StartAsync(clock, s =>
        {
            s["Delivery:FirstRetryDelay"] = "00:00:00";
            s["Delivery:CircuitBreaker:FailureThreshold"] = "1";
            s["Delivery:CircuitBreaker:BreakDuration"] = "00:01:00";
            s["Scheduling:Window"] = "7.00:00:00";
        });
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        scenario.Sandbox.State.AddFault(new SandboxFault("facebook", "feed", FaultKinds.Http503));
        var first = await scenario.SubmitItemAsync("diskominfo", [fb], title: "Segera");
        await scenario.Api.PostExpectAsync($"/api/items/{first}/approve", null, 200);
        await Eventually.WaitAsync(
            () => scenario.ItemAsync(first),
            i => i["deliveries"]![0]!["error"]?.GetValue<string>()?.StartsWith("Waiting:", StringComparison.Ordinal) == true,
            "the first delivery to wait behind the open circuit");

        // An embargoed delivery of the same account finds the circuit open (as an early wake-up would) and waits too.
        var later = await scenario.SubmitItemAsync("diskominfo", [fb], title: "Embargo", publishAt: clock.GetUtcNow() + Embargo);
        var approved = await scenario.Api.PostExpectAsync($"/api/items/{later}/approve", null, 200);
        var laterId = approved["deliveries"]![0]!.Str("id");
        var stored = await scenario.Broker.Services.GetRequiredService<IDeliveryStore>().GetAsync(laterId, CancellationToken.None);
        Assert.NotNull(await scenario.Broker.Services.GetRequiredService<CircuitGate>().EnterAsync(stored!, CancellationToken.None));

        // The break ends, the probe publishes, the circuit closes and releases the waiting deliveries.
        clock.Advance(TimeSpan.FromMinutes(1));
        await scenario.WaitForItemStatusAsync(first, "published");

        var scheduler = await scenario.Broker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(new TriggerKey(laterId, "deliveries"));
        Assert.NotNull(trigger);
        Assert.Equal(stored!.ScheduledAt, trigger.StartTimeUtc);
        Assert.Single(scenario.Sandbox.State.Posts("facebook"));
    }

    /// <summary>
    /// An account whose token is refused: the delivery due now is held, and so is the one embargoed for 36 hours.
    /// Returns the account and the two items.
    /// </summary>
    private static async Task<(string Account, string Due, string Embargoed)> HoldBothAsync(Scenario scenario, FakeTimeProvider clock)
    {
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001", new { accessToken = "old-token" });
        scenario.Sandbox.State.RevokeToken("facebook", "old-token");
        var embargoed = await scenario.SubmitItemAsync("diskominfo", [fb], title: "Embargo", publishAt: clock.GetUtcNow() + Embargo);
        await scenario.Api.PostExpectAsync($"/api/items/{embargoed}/approve", null, 200);
        var due = await scenario.SubmitItemAsync("diskominfo", [fb], title: "Segera");
        await scenario.Api.PostExpectAsync($"/api/items/{due}/approve", null, 200);
        foreach (var id in new[] { due, embargoed })
        {
            await Eventually.WaitAsync(() => scenario.ItemAsync(id), i => i["deliveries"]![0]!.Str("status") == "held", $"item {id}'s delivery to be held");
        }

        return (fb, due, embargoed);
    }
}
