using Broker.Cluster;
using Broker.IntegrationTests.Infrastructure;
using Broker.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Broker.IntegrationTests.Cluster;

public sealed class WakeUpSweepTests
{
    [Fact]
    public async Task A_waiting_delivery_whose_trigger_was_lost_gets_one_again_without_any_node_restarting()
    {
        var database = await PostgresServer.CreateDatabaseAsync("wakeup");
        await using var scenario = await Scenario.StartAsync(configure: s =>
        {
            s["Storage:Provider"] = "PostgreSql";
            s["ConnectionStrings:Broker"] = database;
            s["Cluster:WakeUpSweepInterval"] = "00:00:01";
        });
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var itemId = await scenario.SubmitItemAsync("diskominfo", [facebook]);
        await scenario.Api.PostExpectAsync($"/api/items/{itemId}/approve", new { publishAt = TimeProvider.System.GetUtcNow().AddDays(1) }, 200);
        var deliveryId = (await scenario.ItemAsync(itemId))["deliveries"]!.AsArray().Single()!.Str("id");
        var scheduler = await scenario.Broker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var dueAt = DateTimeOffset.Parse((await scenario.Api.GetJsonAsync($"/api/deliveries/{deliveryId}")).Str("dueAt"), System.Globalization.CultureInfo.InvariantCulture);
        var trigger = ClusteredDeliveryScheduler.KeyFor(dueAt);
        Assert.NotNull(await scheduler.GetTrigger(trigger));

        // What a node dying between the approval's commit and its trigger leaves: a scheduled delivery with no trigger.
        Assert.True(await scheduler.UnscheduleJob(trigger));

        var restored = await Eventually.WaitAsync<ITrigger?>(async () => await scheduler.GetTrigger(trigger), found => found is not null, "the sweep to give the delivery its trigger again", TimeSpan.FromSeconds(30));
        var delivery = await scenario.Api.GetJsonAsync($"/api/deliveries/{deliveryId}");
        Assert.InRange(restored!.StartTimeUtc - dueAt, TimeSpan.Zero, ClusteredDeliveryScheduler.Resolution);
        Assert.Equal("scheduled", delivery.Str("status"));
    }

    [Fact]
    public async Task A_delivery_of_a_suspended_opd_gets_no_wake_up_from_the_sweep_until_publishing_resumes()
    {
        var database = await PostgresServer.CreateDatabaseAsync("wakeup");
        await using var scenario = await Scenario.StartAsync(configure: s =>
        {
            s["Storage:Provider"] = "PostgreSql";
            s["ConnectionStrings:Broker"] = database;
        });
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var itemId = await scenario.SubmitItemAsync("diskominfo", [facebook]);
        await scenario.Api.PostExpectAsync($"/api/items/{itemId}/approve", new { publishAt = TimeProvider.System.GetUtcNow().AddDays(1) }, 200);
        var deliveryId = (await scenario.ItemAsync(itemId))["deliveries"]!.AsArray().Single()!.Str("id");
        var dueAt = DateTimeOffset.Parse((await scenario.Api.GetJsonAsync($"/api/deliveries/{deliveryId}")).Str("dueAt"), System.Globalization.CultureInfo.InvariantCulture);
        var scheduler = await scenario.Broker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = ClusteredDeliveryScheduler.KeyFor(dueAt);
        var sweep = scenario.Broker.Services.GetRequiredService<WakeUpSweep>();
        await scenario.Api.PostExpectAsync("/api/suspensions", new { scope = "opd", target = "diskominfo", reason = "Akun diperiksa." }, 201);

        // What the dispatcher does to a suspended delivery: it takes its wake-up away.
        Assert.True(await scheduler.UnscheduleJob(trigger));
        Assert.Equal(0, await SweepAsync(sweep));
        Assert.Null(await scheduler.GetTrigger(trigger));

        await scenario.Api.PostExpectAsync("/api/suspensions/opd:diskominfo/resume", null, 200);
        Assert.Equal(1, await SweepAsync(sweep));
        Assert.NotNull(await scheduler.GetTrigger(trigger));
    }

    // The round's own sweep may hold the lock at that moment: then this one is skipped (null) and tried again.
    private static async Task<int> SweepAsync(WakeUpSweep sweep) =>
        (await Eventually.WaitAsync(() => sweep.SweepAsync(CancellationToken.None), swept => swept is not null, "a sweep of this node's own"))!.Value;
}
