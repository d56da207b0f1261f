#if !ON_POSTGRESQL
using Broker.IntegrationTests.Infrastructure;
using Broker.Sandbox;
using Broker.Sandbox.Faults;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Retraction;

/// <summary>
/// A retraction interrupted by a crash is completed on restart: the broker is killed with SIGKILL while Facebook holds
/// back its answer to a delete it has done. After the restart every post is gone, each deleted once on its platform.
/// Runs on LiteDB only: what it proves is the removal worker's start-up pass, which the store contract suite backs on both.
/// </summary>
public sealed class RetractionKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_retraction_cut_short_by_a_kill_is_completed_on_restart_with_each_post_deleted_once()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("broker-retract-kill-").FullName;
        await using var broker = BrokerProcess.OnSandbox(folder, sandbox, new()
        {
            ["Platforms__X__BaseUrl"] = sandbox.XBaseUrl.ToString(),
            ["Platforms__X__UploadBaseUrl"] = sandbox.XBaseUrl.ToString(),
            ["Retraction__RetryDelay"] = "00:00:00.100",
        });
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await broker.StartAsync();
            output.WriteLine($"started after {watch.Elapsed}");
            var api = broker.Client;
            var pages = await broker.CreateFacebookPagesAsync(2, 910000);
            var x = await api.PostExpectAsync(
                "/api/accounts",
                new { opd = "diskominfo", platform = "x", name = "X", externalId = "2244994945", credentials = new { consumerKey = "ck", consumerSecret = "cs", accessToken = "2244994945-at", accessTokenSecret = "ats" } },
                201);
            var item = await api.PostExpectAsync("/api/items", new { opd = "diskominfo", title = "Berita keliru", body = "Isi berita yang keliru.", accountIds = new[] { pages[0], pages[1], x.Str("id") } }, 201);
            var id = item.Str("id");
            await api.PostExpectAsync($"/api/items/{id}/approve", null, 200);
            await Eventually.WaitAsync(() => api.GetJsonAsync($"/api/items/{id}"), i => i.Str("status") == "published", "the item to be published");

            output.WriteLine($"published after {watch.Elapsed}");

            // Facebook deletes the first post it is asked to, then holds its answer until long after the kill.
            sandbox.State.AddFault(new SandboxFault("facebook", "post_delete", FaultKinds.TimeoutAfterStore, DelayMs: 120_000));
            await api.PostExpectAsync($"/api/items/{id}/retract", new { reason = "Berita keliru." }, 200);
            await Eventually.WaitAsync(() => Task.FromResult(sandbox.State.Deletions("facebook").Count), n => n == 1, "the first Facebook delete");
            await broker.KillAsync();
            output.WriteLine($"killed after {watch.Elapsed}");

            await broker.StartAsync();
            output.WriteLine($"restarted after {watch.Elapsed}");
            var done = await Eventually.WaitAsync(
                () => api.GetJsonAsync($"/api/items/{id}"),
                i => i["deliveries"]!.AsArray().All(d => d!.Str("status") == "removed"),
                "every post of the item to be removed after the restart");

            output.WriteLine($"removed after {watch.Elapsed}");
            Assert.Equal("retracted", done.Str("status"));
            Assert.Empty(sandbox.State.Posts(null));
            Assert.Equal(2, sandbox.State.Deletions("facebook").Select(d => d.Id).Distinct().Count());
            Assert.Equal(2, sandbox.State.Deletions("facebook").Count);
            Assert.Single(sandbox.State.Deletions("x"));
        }
        finally
        {
            await broker.KillAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
#endif
