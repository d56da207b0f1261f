using Broker.Cluster;
using Broker.IntegrationTests.Infrastructure;
using Broker.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Broker.IntegrationTests.Cluster;

/// <summary>
/// The cluster's periodic sweeps do only the work they need: the dead-node sweep reads the ids and claimants of dead
/// nodes' claims (filtered by PostgreSQL), and one node at a time runs the wake-up sweep. The timers are set far apart,
/// so each sweep here runs only when the test calls it.
/// </summary>
public sealed class ClusterSweepWorkTests
{
    [Fact]
    public async Task Only_the_claims_of_dead_nodes_are_found_and_two_nodes_sweeping_at_once_take_each_over_once()
    {
        var (scenario, database) = await StartAsync();
        await using var _ = scenario;
        var (facebook, _, x) = await scenario.CreateCentralAccountsAsync();
        var other = await scenario.CreateAccountAsync("diskominfo", "facebook", "1000002");
        var deliveries = await ScheduledDeliveriesAsync(scenario, [facebook, x, other]);
        var self = scenario.Broker.Services.GetRequiredService<BrokerNode>().Id!;
        await SqlAsync(
            database,
            """
            INSERT INTO broker_nodes (node_id, started_at, seen_at) VALUES
                ('node-dead', now() - interval '2 hours', now() - interval '1 hour'),
                ('node-live', now(), now())
            """);
        await ClaimAsync(database, deliveries[0], "node-dead");
        await ClaimAsync(database, deliveries[1], "node-live");
        await ClaimAsync(database, deliveries[2], self);
        var sweep = scenario.Broker.Services.GetRequiredService<DeadNodeSweep>();

        var found = await sweep.FindClaimsOfDeadNodesAsync(CancellationToken.None);
        var swept = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => sweep.SweepAsync(CancellationToken.None))));

        Assert.Equal([(deliveries[0], "node-dead")], found);
        Assert.Equal(1, swept.Sum());
        var taken = await scenario.Api.GetJsonAsync($"/api/deliveries/{deliveries[0]}");
        Assert.Equal("retrying", taken.Str("status"));
        Assert.Equal("publishing", (await scenario.Api.GetJsonAsync($"/api/deliveries/{deliveries[1]}")).Str("status"));
        Assert.Equal("publishing", (await scenario.Api.GetJsonAsync($"/api/deliveries/{deliveries[2]}")).Str("status"));
        Assert.Empty(await sweep.FindClaimsOfDeadNodesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_node_that_died_again_between_two_rounds_has_its_items_caught_up_once_per_death()
    {
        var (scenario, database) = await StartAsync();
        await using var _ = scenario;
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var delivery = (await ScheduledDeliveriesAsync(scenario, [facebook]))[0];
        var itemId = (await scenario.Api.GetJsonAsync($"/api/deliveries/{delivery}")).Str("itemId");
        var sweep = scenario.Broker.Services.GetRequiredService<DeadNodeSweep>();
        await SqlAsync(database, "INSERT INTO broker_nodes (node_id, started_at, seen_at) VALUES ('node-x', now() - interval '2 hours', now() - interval '1 hour')");
        await sweep.SweepAsync(CancellationToken.None);
        await sweep.SweepAsync(CancellationToken.None);

        // node-x comes back, publishes the item's last delivery, and dies with the item's progress in its memory, all
        // between two rounds of this node's sweep: no round ever saw it alive.
        await SqlAsync(
            database,
            $"""
            UPDATE deliveries SET status = 'Published', version = version + 1,
                doc = doc || jsonb_build_object('Status', 'Published', 'PublishedAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'RemotePostId', '800000_1')
            WHERE id = '{delivery}'
            """);
        await sweep.SweepAsync(CancellationToken.None);
        Assert.Equal("approved", (await scenario.ItemAsync(itemId)).Str("status")); // a death already caught up is not caught up again

        await SqlAsync(database, "UPDATE broker_nodes SET seen_at = now() - interval '50 minutes' WHERE node_id = 'node-x'");
        await sweep.SweepAsync(CancellationToken.None);

        Assert.Equal("published", (await scenario.ItemAsync(itemId)).Str("status"));
    }

    [Fact]
    public async Task The_wake_up_sweep_is_skipped_while_another_node_sweeps_and_two_at_once_wake_a_delivery_once()
    {
        var (scenario, database) = await StartAsync();
        await using var _ = scenario;
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var deliveryId = (await ScheduledDeliveriesAsync(scenario, [facebook])).Single();
        var scheduler = await scenario.Broker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        // A delivery is woken by the trigger of its 200 ms moment (one per moment, not one per delivery).
        var dueAt = (await scenario.Api.GetJsonAsync($"/api/deliveries/{deliveryId}"))["dueAt"]!.GetValue<DateTimeOffset>();
        var trigger = ClusteredDeliveryScheduler.KeyFor(dueAt);
        Assert.True(await scheduler.UnscheduleJob(trigger));
        var sweep = scenario.Broker.Services.GetRequiredService<WakeUpSweep>();

        int? whileHeld;
        await using (var otherNode = new NpgsqlConnection(database))
        {
            await otherNode.OpenAsync();
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({WakeUpSweep.LockKey})", otherNode);
            await take.ExecuteNonQueryAsync();
            whileHeld = await sweep.SweepAsync(CancellationToken.None);
            Assert.Null(await scheduler.GetTrigger(trigger));
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({WakeUpSweep.LockKey})", otherNode);
            await release.ExecuteNonQueryAsync(); // a pooled connection would keep its session's lock until it is next used
        }

        var swept = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => sweep.SweepAsync(CancellationToken.None))));

        Assert.Null(whileHeld);
        Assert.Equal(1, swept.Sum(n => n ?? 0));
        Assert.NotNull(await scheduler.GetTrigger(trigger));
    }

    private static async Task<(Scenario Scenario, string Database)> StartAsync()
    {
        var database = await PostgresServer.CreateDatabaseAsync("sweeps");
        var scenario = await Scenario.StartAsync(configure: s =>
        {
            s["Storage:Provider"] = "PostgreSql";
            s["ConnectionStrings:Broker"] = database;
            s["Cluster:HeartbeatInterval"] = "00:10:00";
            s["Cluster:NodeTimeout"] = "00:30:00";
            s["Cluster:WakeUpSweepInterval"] = "00:10:00";
        });
        return (scenario, database);
    }

    private static async Task<string[]> ScheduledDeliveriesAsync(Scenario scenario, string[] accounts)
    {
        var itemId = await scenario.SubmitItemAsync("diskominfo", accounts);
        await scenario.Api.PostExpectAsync($"/api/items/{itemId}/approve", new { publishAt = TimeProvider.System.GetUtcNow().AddDays(1) }, 200);
        var item = await scenario.ItemAsync(itemId);
        return [.. accounts.Select(a => item["deliveries"]!.AsArray().Single(d => d!.Str("accountId") == a)!.Str("id"))];
    }

    // What a node leaves when it dies mid-call: the delivery publishing, claimed by it.
    private static Task ClaimAsync(string database, string deliveryId, string node) => SqlAsync(
        database,
        $"""
        UPDATE deliveries SET status = 'Publishing', version = version + 1,
            doc = doc || jsonb_build_object('Status', 'Publishing', 'ClaimedBy', '{node}')
        WHERE id = '{deliveryId}'
        """);

    private static async Task SqlAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
