using Broker.IntegrationTests.Infrastructure;
using Npgsql;

namespace Broker.IntegrationTests.Cluster;

/// <summary>
/// A node can publish an item's last delivery and die before it brings the item up to date (that progress is queued in
/// its memory, and no claim records it). The surviving nodes notice the death and catch the live items up.
/// </summary>
public sealed class DeadNodeItemCatchUpTests
{
    [Fact]
    public async Task An_item_whose_last_delivery_a_dead_node_published_is_marked_published_by_a_survivor()
    {
        var database = await PostgresServer.CreateDatabaseAsync("catchup");
        await using var survivor = await Scenario.StartAsync(configure: s =>
        {
            s["Storage:Provider"] = "PostgreSql";
            s["ConnectionStrings:Broker"] = database;
            s["Cluster:NodeId"] = "node-survivor";
            s["Cluster:HeartbeatInterval"] = "00:00:00.250";
            s["Cluster:NodeTimeout"] = "00:00:02";
        });
        var (facebook, _, _) = await survivor.CreateCentralAccountsAsync();
        var itemId = await survivor.SubmitItemAsync("diskominfo", [facebook]);
        await survivor.Api.PostExpectAsync($"/api/items/{itemId}/approve", new { publishAt = TimeProvider.System.GetUtcNow().AddDays(1) }, 200);
        var deliveryId = (await survivor.ItemAsync(itemId))["deliveries"]!.AsArray().Single()!.Str("id");

        // Another node is alive, and the survivor's sweep sees it so (several heartbeats)...
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        for (var beat = 0; beat < 8; beat++)
        {
            await ExecuteAsync(connection, "INSERT INTO broker_nodes (node_id, started_at, seen_at) VALUES ('node-dead', now(), now()) ON CONFLICT (node_id) DO UPDATE SET seen_at = now()");
            await Task.Delay(250);
        }

        // ...publishes the delivery (its commit is all that reached the database), and dies before touching the item.
        Assert.Equal(1, await ExecuteAsync(
            connection,
            """
            UPDATE deliveries SET status = 'Published', version = version + 1,
                doc = doc || jsonb_build_object('Status', 'Published', 'Version', version + 1, 'RemotePostId', '100_200', 'PublishedAt', to_jsonb(now()))
            WHERE id = @id AND status = 'Scheduled'
            """,
            ("id", deliveryId)));
        Assert.Equal("approved", (await survivor.ItemAsync(itemId)).Str("status"));

        var item = await Eventually.WaitAsync(
            () => survivor.ItemAsync(itemId),
            i => i.Str("status") == "published",
            "the survivor to catch the dead node's item up",
            TimeSpan.FromSeconds(30));
        Assert.Equal("published", item["deliveries"]!.AsArray().Single()!.Str("status"));
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }
}
