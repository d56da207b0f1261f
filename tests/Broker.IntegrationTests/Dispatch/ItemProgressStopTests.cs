using Broker.Dispatch;
using Broker.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Dispatch;

/// <summary>An item is kept in step with its deliveries whatever order the hosted services stop in.</summary>
public sealed class ItemProgressStopTests
{
#if !ON_POSTGRESQL // the order of hosted services, the same on both stores
    [Fact]
    public async Task A_delivery_finished_after_the_item_progress_queue_stopped_still_brings_its_item_up_to_date()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        await scenario.Broker.Services.GetRequiredService<ItemProgressQueue>().StopAsync(CancellationToken.None);

        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);
        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);

        var item = await scenario.WaitForItemStatusAsync(id, "published");
        Assert.Equal("published", item["deliveries"]![0]!.Str("status"));
    }
#endif
}
