using Broker.Dispatch;
using Broker.Storage;
using Broker.Storage.LiteDb;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Storage;

/// <summary>The intent journal's group commit on a real file.</summary>
public sealed class IntentJournalTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("broker-journal-").FullName;

    private IOptions<StorageOptions> Options => Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = Path.Combine(folder, "broker.db") });

    [Fact]
    public async Task Every_delivery_recorded_at_the_same_moment_is_in_the_file_when_its_record_completes()
    {
        var ids = Enumerable.Range(0, 500).Select(i => $"delivery-{i}").ToList();
        using (var journal = new IntentJournal(Options))
        {
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, ct) =>
            {
                await journal.RecordAsync(id, ct);

                // On disk, not only in a buffer: a second reader of the file sees it at once.
                Assert.Contains(id, File.ReadAllLines(Path.Combine(folder, "broker.db.intents")));
            });
        }

        using var reopened = new IntentJournal(Options);
        Assert.Equal(ids.ToHashSet(), reopened.ReadAll());
    }

    [Fact]
    public async Task Compacting_keeps_only_the_named_deliveries_and_recording_goes_on_after_it()
    {
        using var journal = new IntentJournal(Options);
        await Task.WhenAll(new[] { "a", "b", "c" }.Select(id => journal.RecordAsync(id, CancellationToken.None)));

        journal.Compact(["b"]);
        await journal.RecordAsync("d", CancellationToken.None);

        Assert.Equal(new HashSet<string> { "b", "d" }, journal.ReadAll());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
