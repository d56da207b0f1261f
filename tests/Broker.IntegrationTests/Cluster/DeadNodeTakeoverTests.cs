using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Broker.Sandbox.Faults;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Cluster;

/// <summary>A node killed after the platform stored its post but before it heard so: another node finishes its claim.</summary>
public sealed class DeadNodeTakeoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_delivery_claimed_by_a_node_whose_heartbeat_stopped_is_reconciled_by_another_node_and_never_posted_twice()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        var database = await PostgresServer.CreateDatabaseAsync("takeover");
        var folder = Directory.CreateTempSubdirectory("broker-takeover-").FullName;
        await using var doomed = ClusterProcesses.OnPostgres(folder, database, "node-doomed", sandbox);
        await using var survivor = ClusterProcesses.OnPostgres(folder, database, "node-survivor", sandbox);
        try
        {
            await doomed.StartAsync();
            var page = (await doomed.CreateFacebookPagesAsync(1, 700000))[0];

            // The platform stores the post and then holds its answer: the claiming node is killed while it waits.
            sandbox.State.AddFault(new SandboxFault("facebook", "feed", FaultKinds.TimeoutAfterStore, Times: 1, DelayMs: 120_000));
            var item = await doomed.Client.PostExpectAsync("/api/items", new { opd = "diskominfo", title = "Jembatan baru dibuka", body = "Isinya.", accountIds = new[] { page } }, 201);
            await doomed.Client.PostExpectAsync($"/api/items/{item.Str("id")}/approve", null, 200);
            await Eventually.WaitAsync(() => Task.FromResult(sandbox.State.Posts("facebook").Count), n => n == 1, "the platform to store the post", TimeSpan.FromSeconds(30));
            var claimed = (await Eventually.WaitAsync(
                async () => (await doomed.Client.GetJsonAsync("/api/deliveries?status=publishing")).AsArray(),
                list => list.Count == 1,
                "the claim to be listed",
                TimeSpan.FromSeconds(30))).Single()!;
            Assert.Equal("node-doomed", claimed.Str("claimedBy"));

            await doomed.KillAsync();
            var killedAt = TimeProvider.System.GetTimestamp();
            await survivor.StartAsync();
            var delivery = await Eventually.WaitAsync(
                () => survivor.Client.GetJsonAsync($"/api/deliveries/{claimed.Str("id")}"),
                d => d.Str("status") == "published",
                "the survivor to reconcile the dead node's claim",
                TimeSpan.FromSeconds(60));
            output.WriteLine($"takeover: {TimeProvider.System.GetElapsedTime(killedAt).TotalSeconds:F1} s from the kill to published");

            var post = Assert.Single(sandbox.State.Posts("facebook"));
            Assert.Equal(post.Id, delivery.Str("remotePostId"));
        }
        finally
        {
            await doomed.KillAsync();
            await survivor.KillAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
