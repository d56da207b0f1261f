using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox.Control;

namespace Broker.IntegrationTests.Storage;

/// <summary>The whole broker on the PostgreSQL stores: an item goes from submission to posts on the sandbox's platforms.</summary>
public sealed class PostgreSqlEndToEndTests
{
    [Fact]
    public async Task An_item_submitted_and_approved_on_postgresql_is_published_once_to_each_platform()
    {
        var database = await PostgresServer.CreateDatabaseAsync("e2e");
        await using var scenario = await Scenario.StartAsync(
            configure: s =>
            {
                s["Storage:Provider"] = "PostgreSql";
                s["ConnectionStrings:Broker"] = database;
            });
        var (facebook, instagram, x) = await scenario.CreateCentralAccountsAsync();
        var photo = await scenario.UploadPhotoAsync(); // Instagram posts need one
        var itemId = await scenario.SubmitItemAsync("diskominfo", [facebook, instagram, x], [photo]);

        var approved = await scenario.Api.PostExpectAsync($"/api/items/{itemId}/approve", new { }, 200);
        Assert.Equal("approved", approved.Str("status"));

        var item = await scenario.WaitForItemStatusAsync(itemId, "published");
        var deliveries = item["deliveries"]!.AsArray();
        Assert.Equal(3, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(("published", 1), (d!.Str("status"), d!["attempts"]!.GetValue<int>())));
        Assert.Single(scenario.Sandbox.State.Posts("facebook"));
        Assert.Single(scenario.Sandbox.State.Posts("instagram"));
        Assert.Single(scenario.Sandbox.State.Posts("x"));
        var audit = await scenario.Api.GetJsonAsync($"/api/audit?objectId={itemId}");
        Assert.NotEmpty(audit.AsArray());
    }
}
