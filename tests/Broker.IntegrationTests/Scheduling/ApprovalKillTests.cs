using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Scheduling;

/// <summary>
/// A crash inside an approval must not post: the broker is killed with SIGKILL in the middle of a burst of concurrent
/// approvals, several times. Each item must come back either submitted with no deliveries or approved with all of them,
/// and approving everything again must post each item exactly once.
/// </summary>
public sealed class ApprovalKillTests(ITestOutputHelper output)
{
    private const int Rounds = 3;
    private const int ItemsPerRound = 60;
    private const int Threads = 12;
    private const int Pages = 4;

    [Fact]
    public async Task Killing_the_broker_during_a_burst_of_approvals_leaves_every_item_whole_and_posts_each_once()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("broker-approval-kill-").FullName;
        await using var broker = BrokerProcess.OnSandbox(folder, sandbox, new() { ["Delivery__FirstRetryDelay"] = "00:00:00.200" });
        try
        {
            await broker.StartAsync();
            var api = broker.Client;
            var pages = await broker.CreateFacebookPagesAsync(Pages, 800000);

            var titles = new Dictionary<string, string>();
            for (var round = 0; round < Rounds; round++)
            {
                var items = new List<string>();
                for (var i = 0; i < ItemsPerRound; i++)
                {
                    var title = $"Ronde {round} berita {i}";
                    var item = await api.PostExpectAsync("/api/items", new { opd = "diskominfo", title, body = $"Isi {title}.", accountIds = new[] { pages[i % Pages] } }, 201);
                    items.Add(item.Str("id"));
                    titles[item.Str("id")] = title;
                }

                var approved = await ApproveUntilKilledAsync(broker, items);
                await broker.StartAsync();

                var submitted = await CheckWholeAsync(api, items);
                output.WriteLine($"round {round}: {approved} approvals answered before the kill, {submitted} items still submitted after it");

                // Approving everything again: the submitted ones are approved now, the approved ones are refused.
                foreach (var id in items)
                {
                    var (response, _) = await api.PostAsync($"/api/items/{id}/approve");
                    Assert.True((int)response.StatusCode is 200 or 409, $"re-approving {id} answered {(int)response.StatusCode}");
                }

                foreach (var id in items)
                {
                    await Eventually.WaitAsync(() => api.GetJsonAsync($"/api/items/{id}"), i => i.Str("status") == "published", $"item {id} to be published", TimeSpan.FromSeconds(60));
                }
            }

            var posts = sandbox.State.Posts("facebook");
            var perTitle = titles.Values.ToDictionary(t => t, t => posts.Count(p => p.Text!.StartsWith(t + "\n", StringComparison.Ordinal)));
            Assert.Empty(perTitle.Where(p => p.Value != 1).Select(p => $"{p.Key}: {p.Value} posts"));
            Assert.Equal(Rounds * ItemsPerRound, posts.Count);
        }
        finally
        {
            await broker.KillAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Approves the items from many threads at once and kills the broker 0.1–0.3 s in; returns the approvals answered.</summary>
    private static async Task<int> ApproveUntilKilledAsync(BrokerProcess broker, List<string> items)
    {
        var queue = new ConcurrentQueue<string>(items);
        var answered = 0;
        var approvers = Enumerable.Range(0, Threads).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var id))
            {
                try
                {
                    using var response = await broker.Client.PostAsync($"/api/items/{id}/approve", null);
                    Interlocked.Increment(ref answered);
                }
                catch (HttpRequestException)
                {
                    return; // killed
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromMilliseconds(100 + Random.Shared.Next(200))); // the kill's moment, not a wait for a condition
        await broker.KillAsync();
        await Task.WhenAll(approvers);
        return answered;
    }

    /// <summary>Every item is submitted with no deliveries or approved (or further) with one per account; returns how many are submitted.</summary>
    private static async Task<int> CheckWholeAsync(HttpClient api, List<string> items)
    {
        var submitted = 0;
        foreach (var id in items)
        {
            var item = await api.GetJsonAsync($"/api/items/{id}");
            var live = item["deliveries"]!.AsArray().Where(d => d!.Str("status") != "cancelled").ToList();
            if (item.Str("status") == "submitted")
            {
                Assert.True(live.Count == 0, $"submitted item {id} has {live.Count} live deliveries: {Describe(live)}");
                submitted++;
            }
            else
            {
                Assert.True(item.Str("status") is "approved" or "published", $"item {id} is {item.Str("status")}");
                Assert.True(live.Count == 1, $"{item.Str("status")} item {id} has {live.Count} live deliveries");
            }
        }

        return submitted;
    }

    private static string Describe(IEnumerable<JsonNode?> deliveries) => string.Join(", ", deliveries.Select(d => d!.Str("status")));
}
