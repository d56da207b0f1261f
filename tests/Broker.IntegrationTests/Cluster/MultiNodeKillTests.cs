using System.Diagnostics;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Npgsql;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Cluster;

/// <summary>
/// The cluster's crash test: three broker processes on one PostgreSQL database publish 3,000 deliveries (100 items to
/// 30 Facebook Pages) with 100 ms of platform latency, and one node is SIGKILLed twice in the middle of the burst
/// (restarted under its id after the first kill, left dead after the second). Every delivery must end published with
/// exactly one post. The takeover time is printed.
/// </summary>
public sealed class MultiNodeKillTests(ITestOutputHelper output)
{
    private const int Pages = 30;
    private const int Items = 100;
    private const int Deliveries = Pages * Items;

    [Fact]
    public async Task Killing_one_of_three_nodes_twice_mid_burst_leaves_exactly_one_post_per_delivery()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        sandbox.State.LatencyMilliseconds = 100;
        var database = await PostgresServer.CreateDatabaseAsync("kill3");
        var folder = Directory.CreateTempSubdirectory("broker-kill3-").FullName;
        var settings = new Dictionary<string, string> { ["Delivery__MaxConcurrency"] = "8" };
        var nodes = new[] { "node-1", "node-2", "node-3" }.Select(id => ClusterProcesses.OnPostgres(folder, database, id, sandbox, settings)).ToArray();
        var (victim, api) = (nodes[0], nodes[1].Client);
        try
        {
            await Task.WhenAll(nodes.Select(n => n.StartAsync()));
            var pages = await nodes[1].CreateFacebookPagesAsync(Pages, 800000);

            // Items are approved (due at once) through the two surviving nodes while the third is killed: the burst
            // and the approvals overlap, as in a busy morning.
            var burst = Stopwatch.StartNew();
            var feeding = Parallel.ForEachAsync(Enumerable.Range(0, Items), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            {
                var item = await nodes[1 + (i % 2)].Client.PostExpectAsync("/api/items", new { opd = "diskominfo", title = $"Berita nomor {i}", body = $"Isi berita nomor {i}.", accountIds = pages }, 201);
                await nodes[1 + ((i + 1) % 2)].Client.PostExpectAsync($"/api/items/{item.Str("id")}/approve", null, 200);
            });
            await KillAtAsync(sandbox, victim, api, database, 600, "node-1");
            await victim.StartAsync(); // under its id: its own leftover claims are reconciled at its start
            output.WriteLine($"node-1 restarted at {sandbox.State.Posts("facebook").Count} posts");
            await KillAtAsync(sandbox, victim, api, database, 1800, "node-1"); // not restarted: the others finish
            await feeding;

            await WaitForAllPublishedAsync(api, database);
            output.WriteLine($"burst: {Deliveries} deliveries in {burst.Elapsed.TotalSeconds:F1} s with one node killed twice");

            var posts = sandbox.State.Posts("facebook");
            var perDelivery = posts.GroupBy(p => (p.AccountId, p.Text)).ToDictionary(g => g.Key, g => g.Count());
            var doubled = perDelivery.Values.Count(c => c > 1);
            output.WriteLine($"posts {posts.Count}, distinct {perDelivery.Count}, doubled {doubled}");
            Assert.Equal(0, doubled);
            Assert.Equal(Deliveries, perDelivery.Count);
            Assert.Equal(Deliveries, posts.Count);
        }
        catch
        {
            // What each node logged last (warnings and errors) tells why the burst did not go through.
            foreach (var node in nodes)
            {
                // Errors are what a lost refresh or a failed write leaves; they scroll out of the last lines.
                foreach (var error in node.Output.Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).Take(20))
                {
                    output.WriteLine($"{node.BaseUrl} logged: {error}");
                }

                output.WriteLine($"--- {node.BaseUrl} logged last:{Environment.NewLine}{string.Join(Environment.NewLine, node.Output.TakeLast(40))}");
            }

            throw;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    // Kills the node once the sandbox has this many posts, then measures the takeover: the time until none of the
    // deliveries it had claimed is still publishing, and until none of its Quartz firings is left unrecovered.
    private async Task KillAtAsync(RunningSandbox sandbox, BrokerProcess victim, HttpClient survivor, string database, int posts, string victimId)
    {
        await Eventually.WaitAsync(() => Task.FromResult(sandbox.State.Posts("facebook").Count), n => n >= posts, $"{posts} posts", TimeSpan.FromSeconds(90));
        await victim.KillAsync();
        var killed = Stopwatch.StartNew();
        var claimed = (await survivor.GetJsonAsync("/api/deliveries?status=publishing")).AsArray()
            .Where(d => d!["claimedBy"]?.GetValue<string>() == victimId).Select(d => d!.Str("id")).ToHashSet();
        var firings = await FiringsOfAsync(database, victimId);
        output.WriteLine($"{victimId} killed at {sandbox.State.Posts("facebook").Count} posts, holding {claimed.Count} claims and {firings} Quartz firings");

        await Eventually.WaitAsync(() => FiringsOfAsync(database, victimId), n => n == 0, "the dead node's firings to be recovered", TimeSpan.FromSeconds(30));
        var firingsMoved = killed.Elapsed;
        await Eventually.WaitAsync(
            async () => (await survivor.GetJsonAsync("/api/deliveries?status=publishing")).AsArray().Count(d => claimed.Contains(d!.Str("id"))),
            n => n == 0,
            "the dead node's claims to be reconciled",
            TimeSpan.FromSeconds(30));
        output.WriteLine($"takeover after the kill: firings recovered in {firingsMoved.TotalSeconds:F1} s, claims reconciled in {killed.Elapsed.TotalSeconds:F1} s");
    }

    private async Task WaitForAllPublishedAsync(HttpClient api, string database)
    {
        try
        {
            await Eventually.WaitAsync(
                async () => (await api.GetAllPagesAsync("/api/items?status=published")).Count,
                n => n == Items,
                "every item to be published",
                TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            foreach (var stuck in (await api.GetJsonAsync("/api/deliveries?status=scheduled,publishing,retrying,held,failed")).AsArray().Take(20))
            {
                output.WriteLine($"not published: {stuck!.ToJsonString()}");
            }

            // An item behind its deliveries: its status, version and time against its deliveries' states.
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var behind = new NpgsqlCommand(
                """
                SELECT i.id, i.status, i.version, i.doc->>'UpdatedAt', i.doc->>'FirstPublishedAt',
                       (SELECT string_agg(d.status || ' x' || n, ', ') FROM (SELECT status, count(*) AS n FROM deliveries WHERE item_id = i.id GROUP BY status) d),
                       (SELECT max(d.doc->>'UpdatedAt') FROM deliveries d WHERE d.item_id = i.id)
                FROM items i WHERE i.status <> 'Published'
                """,
                connection);
            await using var reader = await behind.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                output.WriteLine($"item {reader.GetString(0)} {reader.GetString(1)} v{reader.GetInt64(2)} updated {reader.GetValue(3)}, first published {reader.GetValue(4)}; deliveries {reader.GetValue(5)}, last updated {reader.GetValue(6)}");
            }

            throw;
        }
    }

    private static async Task<long> FiringsOfAsync(string database, string instance)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM qrtz_fired_triggers WHERE instance_name = @instance", connection);
        count.Parameters.AddWithValue("instance", instance);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
