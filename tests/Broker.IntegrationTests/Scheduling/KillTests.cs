using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Scheduling;

/// <summary>
/// The crash test: the broker runs as its own process with a few hundred due deliveries and is killed with SIGKILL
/// several times in the middle of publishing. The sandbox (in this process) must end with exactly one post per delivery.
/// </summary>
public sealed class KillTests(ITestOutputHelper output)
{
    private const int Pages = 10;
    private const int ItemsPerPage = 25;

    [Fact]
    public async Task Killing_the_broker_mid_burst_several_times_leaves_exactly_one_post_per_delivery()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        sandbox.State.LatencyMilliseconds = 100;
        var folder = Directory.CreateTempSubdirectory("broker-kill-").FullName;
        await using var broker = BrokerProcess.OnSandbox(folder, sandbox, new() { ["Delivery__MaxConcurrency"] = "8", ["Delivery__FirstRetryDelay"] = "00:00:00.500" });
        try
        {
            await broker.StartAsync();
            var api = broker.Client;
            var pages = await broker.CreateFacebookPagesAsync(Pages, 900000);

            var due = TimeProvider.System.GetUtcNow().AddSeconds(3);
            var items = new List<string>();
            for (var i = 0; i < Pages * ItemsPerPage; i++)
            {
                var item = await api.PostExpectAsync("/api/items", new { opd = "diskominfo", title = $"Berita nomor {i}", body = $"Isi berita nomor {i}.", accountIds = new[] { pages[i % Pages] }, publishAt = due }, 201);
                await api.PostExpectAsync($"/api/items/{item.Str("id")}/approve", null, 200);
                items.Add(item.Str("id"));
            }

            var kills = 0;
            foreach (var threshold in new[] { 20, 90, 160 })
            {
                await Eventually.WaitAsync(() => Task.FromResult(sandbox.State.Posts("facebook").Count), n => n >= threshold, $"{threshold} posts", TimeSpan.FromSeconds(90));
                await broker.KillAsync();
                kills++;
                output.WriteLine($"killed at {sandbox.State.Posts("facebook").Count} posts");
                await broker.StartAsync();
            }

            try
            {
                await Eventually.WaitAsync(
                    async () => (await api.GetAllPagesAsync("/api/items?status=published")).Count,
                    n => n == items.Count,
                    "every item to be published",
                    TimeSpan.FromSeconds(120));
            }
            catch (TimeoutException)
            {
                foreach (var stuck in (await api.GetAllPagesAsync("/api/items?status=approved")))
                {
                    output.WriteLine($"not published: {stuck!.ToJsonString()}");
                }

                throw;
            }

            var posts = sandbox.State.Posts("facebook");
            var perText = posts.GroupBy(p => p.Text).ToDictionary(g => g.Key!, g => g.Count());
            var duplicates = perText.Values.Count(c => c > 1);
            var missing = Enumerable.Range(0, items.Count).Count(i => !perText.Keys.Any(t => t.StartsWith($"Berita nomor {i}\n", StringComparison.Ordinal)));
            output.WriteLine($"deliveries {items.Count}, kills {kills}, posts {posts.Count}, duplicates {duplicates}, lost {missing}");
            Assert.Equal(3, kills);
            Assert.Equal(0, duplicates);
            Assert.Equal(0, missing);
            Assert.Equal(items.Count, posts.Count);
        }
        finally
        {
            await broker.KillAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
