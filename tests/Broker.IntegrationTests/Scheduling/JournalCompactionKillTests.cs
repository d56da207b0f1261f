#if !ON_POSTGRESQL
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Scheduling;

/// <summary>
/// The intent journal (LiteDB) is compacted every 100 ms while a burst publishes, and the broker is killed with SIGKILL in
/// the middle of it: no intent is lost (no delivery is published twice or left out), and the journal shrinks while the
/// broker runs, not only at its next start.
/// </summary>
public sealed class JournalCompactionKillTests(ITestOutputHelper output)
{
    private const int Pages = 4;
    private const int ItemsPerPage = 15;

    [Fact]
    public async Task Killing_the_broker_while_it_compacts_its_journal_loses_no_intent_and_the_journal_shrinks_while_running()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        sandbox.State.LatencyMilliseconds = 200;
        var folder = Directory.CreateTempSubdirectory("broker-compaction-kill-").FullName;
        var journal = Path.Combine(folder, "broker.db.intents");
        await using var broker = BrokerProcess.OnSandbox(folder, sandbox, new()
        {
            ["Delivery__MaxConcurrency"] = "4",
            ["Delivery__FirstRetryDelay"] = "00:00:00.500",
            ["Storage__JournalCompactionInterval"] = "00:00:00.100",
        });
        try
        {
            await broker.StartAsync();
            var api = broker.Client;
            var pages = await broker.CreateFacebookPagesAsync(Pages, 910000);
            // Due once every item is in, even on a loaded machine: the kills must land in the burst, not after it.
            var due = TimeProvider.System.GetUtcNow().AddSeconds(10);
            for (var i = 0; i < Pages * ItemsPerPage; i++)
            {
                var item = await api.PostExpectAsync("/api/items", new { opd = "diskominfo", title = $"Kabar nomor {i}", body = $"Isi kabar nomor {i}.", accountIds = new[] { pages[i % Pages] }, publishAt = due }, 201);
                await api.PostExpectAsync($"/api/items/{item.Str("id")}/approve", null, 200);
            }

            foreach (var threshold in new[] { 12, 30 })
            {
                await Eventually.WaitAsync(() => Task.FromResult(sandbox.State.Posts("facebook").Count), n => n >= threshold, $"{threshold} posts", TimeSpan.FromSeconds(60));
                await broker.KillAsync();
                output.WriteLine($"killed at {sandbox.State.Posts("facebook").Count} posts, the journal naming {File.ReadAllLines(journal).Length}");
                await broker.StartAsync();
            }

            var total = Pages * ItemsPerPage;
            await Eventually.WaitAsync(async () => (await api.GetAllPagesAsync("/api/items?status=published")).Count, n => n == total, "every item published", TimeSpan.FromSeconds(90));

            // Everything finished while running: the compaction empties the journal without a restart.
            await Eventually.WaitAsync(() => Task.FromResult(File.ReadAllLines(journal).Length), n => n == 0, "the journal compacted", TimeSpan.FromSeconds(10));
            var perText = sandbox.State.Posts("facebook").GroupBy(p => p.Text).ToDictionary(g => g.Key!, g => g.Count());
            Assert.All(perText.Values, count => Assert.Equal(1, count));
            Assert.Equal(total, perText.Count);
        }
        finally
        {
            await broker.KillAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
#endif
