#if !ON_POSTGRESQL // a separate process on its own LiteDB file; the outbox on PostgreSQL is covered by the store contract
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Webhooks;

/// <summary>
/// The outbox's promise across a crash: the broker is killed (SIGKILL) right after committing item submissions, before
/// it could send their events; restarted, it sends every one, and any event sent twice carries the same webhook-id.
/// </summary>
public sealed class WebhookKillTests(ITestOutputHelper output)
{
    private const int Items = 12;

    [Fact]
    public async Task Events_committed_just_before_a_sigkill_reach_the_webhook_after_the_restart_each_under_one_webhook_id()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        await using var receiver = await WebhookReceiver.StartAsync();
        var folder = Directory.CreateTempSubdirectory("broker-webhook-kill-").FullName;
        await using var broker = BrokerProcess.OnSandbox(folder, sandbox, new()
        {
            ["Webhooks__HttpAllowedHosts__0"] = "127.0.0.1",
            ["Webhooks__AllowedAddresses__0"] = "127.0.0.1",
            ["Webhooks__PollInterval"] = "00:00:00.100",
        });
        try
        {
            await broker.StartAsync();
            var api = broker.Client;
            var pages = await broker.CreateFacebookPagesAsync(1, 910000);
            await api.PostExpectAsync("/api/webhooks", new { url = receiver.Url().ToString(), eventTypes = new[] { "item.submitted" } }, 201);

            var items = new List<string>();
            for (var i = 0; i < Items; i++)
            {
                var item = await api.PostExpectAsync("/api/items", new { opd = "diskominfo", title = $"Berita {i}", body = $"Isi berita {i}.", accountIds = pages }, 201);
                items.Add(item.Str("id"));
            }

            await broker.KillAsync();
            var beforeRestart = receiver.Requests.Count;
            await broker.StartAsync();

            var received = await Eventually.WaitAsync(
                () => Task.FromResult(receiver.To("hook")),
                r => items.All(id => r.Any(x => x.Body.Contains(id, StringComparison.Ordinal))),
                "every submission's event",
                TimeSpan.FromSeconds(60));
            var perItem = items.ToDictionary(id => id, id => received.Where(r => r.Body.Contains(id, StringComparison.Ordinal)).ToList());
            output.WriteLine($"items {Items}, sent before the kill {beforeRestart}, requests {received.Count}, replayed {received.Count - Items}");
            Assert.All(perItem, p => Assert.Single(p.Value.Select(r => r.WebhookId).Distinct()));
            Assert.Equal(Items, received.Select(r => r.WebhookId).Distinct().Count());
        }
        finally
        {
            await broker.KillAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
#endif
