using Broker.IntegrationTests.Infrastructure;
using LiteDB;

namespace Broker.IntegrationTests.Scheduling;

/// <summary>
/// LiteDB 5 can lose its last commits in a crash. The fsynced intent journal keeps the fact that a platform call was
/// made, so recovery asks the platform instead of publishing twice.
/// </summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task A_delivery_whose_publication_was_lost_from_the_store_in_a_crash_is_reconciled_not_published_twice()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);
        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(id, "published");
        var post = Assert.Single(scenario.Sandbox.State.Posts("facebook"));

        await scenario.Broker.StopAsync();
        ForgetPublication(scenario.Broker.DatabasePath);
        await scenario.Broker.RestartAsync();

        var item = await scenario.WaitForItemStatusAsync(id, "published");
        var delivery = item["deliveries"]![0]!;
        Assert.Equal(post.Id, delivery.Str("remotePostId"));
        Assert.Single(scenario.Sandbox.State.Posts("facebook"));
        Assert.Empty(scenario.Sandbox.State.RequestsFor("facebook", "/feed").Where(r => r.Method == "POST").Skip(1));
    }

    [Fact]
    public async Task A_delivery_that_never_reached_the_platform_before_a_crash_is_published_on_restart()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.CreateOpdAsync();
        var fb = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000001");
        var id = await scenario.SubmitItemAsync("diskominfo", [fb]);
        await scenario.Api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
        await scenario.WaitForItemStatusAsync(id, "published");
        await scenario.Broker.StopAsync();
        ForgetPublication(scenario.Broker.DatabasePath);
        scenario.Sandbox.State.Reset();

        await scenario.Broker.RestartAsync();

        await scenario.WaitForItemStatusAsync(id, "published");
        Assert.Single(scenario.Sandbox.State.Posts("facebook"));
    }

    // What a SIGKILL right after the platform call can leave: the store still says "scheduled", with no post id.
    private static void ForgetPublication(string databasePath)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = databasePath, Connection = ConnectionType.Direct });
        var deliveries = db.GetCollection("deliveries");
        foreach (var doc in deliveries.FindAll().ToList())
        {
            doc["Status"] = "Scheduled";
            doc["Attempts"] = 0;
            doc.Remove("RemotePostId");
            doc.Remove("Permalink");
            doc.Remove("PublishedAt");
            doc["NeedsReconcile"] = false;
            deliveries.Update(doc);
        }

        var items = db.GetCollection("items");
        foreach (var doc in items.FindAll().ToList())
        {
            doc["Status"] = "Approved";
            items.Update(doc);
        }
    }
}
