using Broker.Dispatch;
using Broker.Storage;
using Broker.Storage.LiteDb;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Storage;

/// <summary>The intent journal compacted beside new records, on a real file.</summary>
public sealed class JournalCompactionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("broker-journal-").FullName;

    private IOptions<StorageOptions> Options => Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = Path.Combine(folder, "broker.db") });

    [Fact]
    public async Task A_compaction_keeps_what_it_was_told_and_every_id_recorded_after_its_snapshot()
    {
        using var journal = new IntentJournal(Options);
        await Task.WhenAll(new[] { "a", "b", "c" }.Select(id => journal.RecordAsync(id, CancellationToken.None)));
        var snapshot = journal.Snapshot();
        await Task.WhenAll(new[] { "d", "e" }.Select(id => journal.RecordAsync(id, CancellationToken.None)));

        Assert.True(journal.Compact(snapshot, ["b"]));
        await journal.RecordAsync("f", CancellationToken.None);

        Assert.Equal(new HashSet<string> { "a", "b", "c" }, snapshot.Ids);
        Assert.Equal(new HashSet<string> { "b", "d", "e", "f" }, journal.ReadAll());
    }

    [Fact]
    public async Task A_snapshot_older_than_another_compaction_changes_nothing()
    {
        using var journal = new IntentJournal(Options);
        await journal.RecordAsync("a", CancellationToken.None);
        var stale = journal.Snapshot();
        journal.Compact(["a"]);
        await journal.RecordAsync("b", CancellationToken.None);

        Assert.False(journal.Compact(stale, []));
        Assert.Equal(new HashSet<string> { "a", "b" }, journal.ReadAll());
    }

    [Fact]
    public async Task A_compaction_cut_off_before_its_new_file_is_in_place_leaves_the_journal_whole()
    {
        using (var journal = new IntentJournal(Options))
        {
            await Task.WhenAll(new[] { "a", "b" }.Select(id => journal.RecordAsync(id, CancellationToken.None)));
            journal.BeforeRewrite = stream =>
            {
                stream.Write("b\n"u8); // half of the new file written, then the process dies
                throw new IOException("killed");
            };

            Assert.Throws<IOException>(() => journal.Compact(journal.Snapshot(), ["b"]));
        }

        using var reopened = new IntentJournal(Options);
        Assert.Equal(new HashSet<string> { "a", "b" }, reopened.ReadAll());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
