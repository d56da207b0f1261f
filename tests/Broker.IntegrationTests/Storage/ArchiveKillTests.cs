#if !ON_POSTGRESQL
using Broker.Dispatch;
using Broker.Intake;
using Broker.IntegrationTests.Infrastructure;
using Broker.IntegrationTests.Storage.Contract;
using Broker.Sandbox;
using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// The broker archives a long history of finished work and is killed with SIGKILL in the middle of a round: every item and
/// delivery is afterwards in the working collections or in the archive, never in both and never in neither, and the next
/// start archives the rest.
/// </summary>
public sealed class ArchiveKillTests(ITestOutputHelper output)
{
    // Ten batches of ArchiveSweep.BatchSize: enough for the kill, which comes once the first batch is logged, to land
    // inside the round (it came after 3 of 30 batches at 3,000 on a loaded machine).
    private const int Count = 1000;

    [Fact]
    public async Task Killing_the_broker_while_it_archives_loses_and_doubles_nothing_and_the_next_start_archives_the_rest()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("broker-archive-kill-").FullName;
        var path = Path.Combine(folder, "broker.db");
        await SeedAsync(path);
        await using var broker = BrokerProcess.OnSandbox(folder, sandbox, new()
        {
            ["Storage__ArchiveAfter"] = "1.00:00:00",
            // The first round starts this long after the host, once /health answers, so the kill lands inside it.
            ["Storage__ArchiveInterval"] = "00:00:02",
            ["Logging__LogLevel__Broker.Storage.ArchiveSweep"] = "Debug",
        });
        try
        {
            await broker.StartAsync();
            await Eventually.WaitAsync(() => Task.FromResult(broker.Output.Any(l => l.Contains("Archived a batch", StringComparison.Ordinal))), seen => seen, "a first batch archived", TimeSpan.FromSeconds(60));
            await broker.KillAsync();

            var (working, archived) = Census(path);
            output.WriteLine($"killed with {archived} of {Count} items archived");
            Assert.InRange(archived, 1, Count);

            await broker.StartAsync();
            try
            {
                await Eventually.WaitAsync(
                    async () => (await broker.Client.GetJsonAsync("/api/items?status=published&limit=1")).AsArray().Count, n => n == 0, "the rest archived", TimeSpan.FromSeconds(120));
            }
            catch (TimeoutException)
            {
                output.WriteLine(string.Join(Environment.NewLine, broker.Output.TakeLast(40)));
                throw;
            }

            await broker.KillAsync();
            Assert.Equal((0, Count), Census(path));
        }
        finally
        {
            await broker.KillAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task SeedAsync(string path)
    {
        using var database = new BrokerDatabase(Options.Create(new StorageOptions { DatabasePath = path }));
        var items = Enumerable.Range(0, Count).Select(i => Populated.Item($"item-{i:D5}", ItemStatus.Published, createdAt: Populated.At.AddSeconds(i))).ToList();
        database.Write(() => database.Collection<Item>(LiteDbItemStore.Name).InsertBulk(items));
        await new LiteDbDeliveryStore(database).AddManyAsync(
            [.. items.Select(i => Populated.Delivery("delivery-" + i.Id, i.Id, status: DeliveryStatus.Published))], CancellationToken.None);
        database.Checkpoint();
    }

    /// <summary>How many items are working and archived; each item and its delivery in exactly one of the two places.</summary>
    private static (int Working, int Archived) Census(string path)
    {
        using var database = new BrokerDatabase(Options.Create(new StorageOptions { DatabasePath = path }));
        List<string> Ids(string collection) => [.. database.Collection<BsonDocument>(collection).FindAll().Select(d => d["_id"].AsString)];
        var (items, archivedItems) = (Ids(LiteDbItemStore.Name), Ids(LiteDbArchiveStore.ItemsName));
        var (deliveries, archivedDeliveries) = (Ids(LiteDbDeliveryStore.Name), Ids(LiteDbArchiveStore.DeliveriesName));
        Assert.Empty(items.Intersect(archivedItems));
        Assert.Equal(Count, items.Concat(archivedItems).Distinct().Count());
        Assert.Equal(Count, items.Count + archivedItems.Count);
        Assert.Equal(items.Select(i => "delivery-" + i).Order(StringComparer.Ordinal), deliveries.Order(StringComparer.Ordinal));
        Assert.Equal(archivedItems.Select(i => "delivery-" + i).Order(StringComparer.Ordinal), archivedDeliveries.Order(StringComparer.Ordinal));
        return (items.Count, archivedItems.Count);
    }
}
#endif
