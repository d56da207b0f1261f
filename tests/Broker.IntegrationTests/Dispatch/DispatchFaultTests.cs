using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.IntegrationTests.Dispatch;

/// <summary>A dispatch that throws before the platform is called never leaves its delivery without a wake-up.</summary>
public sealed class DispatchFaultTests
{
    [Fact]
    public async Task A_dispatch_that_throws_before_the_platform_call_wakes_the_delivery_again_and_it_publishes_once_the_fault_passes()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var database = scenario.Broker.Services.GetRequiredService<BrokerDatabase>();
        var accounts = database.Database.GetCollection("accounts");
        var whole = accounts.FindById(fb);
        var broken = new BsonDocument(whole) { ["CreatedAt"] = "not a date" }; // reading the account throws
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);
        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", new { publishAt = TimeProvider.System.GetUtcNow().AddSeconds(3) }, 200);

        database.Write(() => accounts.Update(broken)); // before the delivery is due: only its dispatch meets the fault
        await Eventually.WaitAsync(
            () => Task.FromResult(scenario.Broker.Logs.Lines.Count(l => l.Contains("failed unexpectedly", StringComparison.Ordinal))),
            n => n >= 2,
            "the dispatch to fail and be woken again at least once");
        Assert.Equal("scheduled", (await scenario.ItemAsync(id))["deliveries"]![0]!.Str("status"));

        database.Write(() => accounts.Update(whole));

        await scenario.WaitForItemStatusAsync(id, "published", TimeSpan.FromSeconds(10));
        Assert.Single(scenario.Sandbox.State.Posts("facebook"));
    }
}
