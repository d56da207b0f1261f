using System.Net;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Broker.Storage.LiteDb;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Storage;

/// <summary>The online LiteDB backup: taken while the broker serves, into a folder of its own under the data folder.</summary>
public sealed class OnlineBackupTests
{
    [Fact]
    public async Task Two_backups_taken_at_once_while_the_broker_serves_each_open_and_hold_everything_committed_before()
    {
        await using var scenario = await Scenario.StartAsync();
        var (facebook, _, _) = await scenario.CreateCentralAccountsAsync();
        var items = new List<string>();
        for (var n = 0; n < 3; n++)
        {
            items.Add(await scenario.SubmitItemAsync("diskominfo", [facebook], title: $"Berita {n}"));
        }

        // Writes go on while the two backups are taken: the copies may hold them or not, but open whole either way.
        var writes = Task.WhenAll(Enumerable.Range(0, 5).Select(n => scenario.SubmitItemAsync("diskominfo", [facebook], title: $"Sesudah {n}")));
        var backups = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => scenario.Api.PostExpectAsync("/api/admin/backup", null, 201)));
        await writes;

        var folders = backups.Select(b => b.Str("folder")).ToList();
        Assert.Equal(2, folders.Distinct().Count());
        foreach (var folder in folders)
        {
            Assert.Equal(Path.Combine(scenario.Broker.Folder, "backups"), Path.GetDirectoryName(folder));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "keys"), "*.xml"));
            using var copy = new BrokerDatabase(Options.Create(new StorageOptions { DatabasePath = Path.Combine(folder, "broker.db") }));
            var store = new LiteDbItemStore(copy);
            for (var n = 0; n < items.Count; n++)
            {
                Assert.Equal($"Berita {n}", (await store.GetAsync(items[n], CancellationToken.None))?.Title);
            }
        }

        Assert.Empty(Directory.GetDirectories(Path.Combine(scenario.Broker.Folder, "backups"), ".partial-*"));
        var audit = await scenario.Api.GetJsonAsync("/api/audit?objectId=" + backups[0].Str("name"));
        Assert.Equal("storage.backup", Assert.Single(audit.AsArray())!.Str("action"));
    }
}
