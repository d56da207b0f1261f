#if !ON_POSTGRESQL
using System.IO.Compression;
using System.Text.Json.Nodes;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Intake;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Broker.IntegrationTests.Records;

/// <summary>
/// The export streams: 2,500 items with a 32 KB body each and a delivery each (about 160 MB as .NET strings if read whole)
/// are exported while the live managed heap is sampled (after a full collection); it must grow by less than <see cref="Bound"/>. LiteDB only: the paged
/// queries are proven on both providers by the store contract suite.
/// </summary>
[Collection(MemoryMeasurement.Name)]
public sealed class RecordsMemoryTests(ITestOutputHelper output)
{
    // Few large items rather than many small ones: the same bytes to hold or stream, in a quarter of the pages. (Each
    // page used to read its whole period on LiteDB, 566 s at 10,000 items of 8 KB on a loaded machine; a page is now one
    // index range on the creation time from its cursor.)
    private const int Items = 2_500;
    private const long Bound = 96L * 1024 * 1024;

    [Fact]
    public async Task An_export_of_160_mb_of_item_text_keeps_the_heap_within_its_bound()
    {
        await using var scenario = await Scenario.StartAsync();
        await SeedAsync(scenario);
        var file = Path.Combine(scenario.Broker.Folder, "export.zip");

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                // What the export holds alive, not garbage the collector has yet to reach: how soon it runs depends on
                // the machine's load, what is held does not. A full collection every 250 ms costs the export a little time.
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(250, CancellationToken.None);
            }
        });
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // The heap is the measure here, not the time: on a loaded machine with a full collection four times a second, the
        // export may take longer than the usual client's 30 s.
        using var patient = scenario.ClientWith(BrokerHost.AdminToken);
        patient.Timeout = TimeSpan.FromMinutes(5);
        using (var response = await patient.GetAsync($"/api/records/export?{RecordsExportTests.Today()}", HttpCompletionOption.ResponseHeadersRead))
        await using (var target = File.Create(file))
        {
            Assert.True(response.IsSuccessStatusCode, $"export answered {(int)response.StatusCode}");
            await (await response.Content.ReadAsStreamAsync()).CopyToAsync(target);
        }

        watch.Stop();
        await stop.CancelAsync();
        await sampler;
        var growth = peak - baseline;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        output.WriteLine($"{Items} items exported in {watch.Elapsed.TotalSeconds:0.0} s, {new FileInfo(file).Length / 1024 / 1024.0:0.0} MB zip; live heap growth {growth / 1024 / 1024.0:0.0} MB (bound {Bound / 1024 / 1024} MB), allocated {allocated / 1024 / 1024.0:0} MB");

        Assert.True(growth < Bound, $"the heap grew by {growth / 1024 / 1024.0:0.0} MB, over the bound of {Bound / 1024 / 1024} MB");
        using var zip = ZipFile.OpenRead(file);
        var manifest = JsonNode.Parse(RecordsExportTests.Read(zip, "manifest.json"))!;
        Assert.Equal(Items, manifest["files"]!.AsArray().Single(f => f!.Str("name") == "items.csv")!["rows"]!.GetValue<long>());
        Assert.Equal(Items, manifest["files"]!.AsArray().Single(f => f!.Str("name") == "deliveries.csv")!["rows"]!.GetValue<long>());
    }

    private static async Task SeedAsync(Scenario scenario)
    {
        var changes = scenario.Broker.Services.GetRequiredService<IStateChanges>();
        var now = TimeProvider.System.GetUtcNow();
        var body = string.Concat(Enumerable.Repeat("Isi berita panjang untuk arsip PPID. ", 880));
        for (var batch = 0; batch < Items / 500; batch++)
        {
            var change = new StateChange();
            for (var i = batch * 500; i < (batch + 1) * 500; i++)
            {
                var id = $"item-{i:D5}";
                // Made a millisecond apart, as items submitted one by one are (the export pages by creation time; rows of one
                // moment are read together).
                var made = now.AddMilliseconds(i - Items);
                change.Insert(new Item { Id = id, Opd = "diskominfo", Title = $"Berita {i}", Body = body, Status = ItemStatus.Published, CreatedAt = made, UpdatedAt = made })
                    .Insert([new Delivery { Id = $"d-{i:D5}", ItemId = id, AccountId = "acc", Platform = "facebook", Status = DeliveryStatus.Published, Text = $"Berita {i}", RemotePostId = $"1_{i}", Permalink = $"https://facebook.example/1_{i}", CreatedAt = now, UpdatedAt = now }])
                    .Record(new AuditEntry { Id = $"a-{i:D5}", At = now, Actor = "editor", Action = "item.approved", ObjectType = "item", ObjectId = id });
            }

            Assert.True(await changes.CommitAsync(change, CancellationToken.None));
        }
    }
}
/// <summary>Runs alone: the heap measured is the whole process's, so no other test may run meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "memory measurement";
}
#endif
