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
}
