using Broker.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// A LiteDB file in a temporary folder of its own, opened as many times as a test needs: to leave it as an earlier version
/// of the broker would have, then again as this version's next start. The folder goes when the test ends.
/// </summary>
internal sealed class ScratchDatabase : IDisposable
{
    private readonly DirectoryInfo folder;

    public ScratchDatabase(string prefix)
    {
        folder = Directory.CreateTempSubdirectory(prefix);
        Options = Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = Path.Combine(folder.FullName, "broker.db") });
    }

    public IOptions<StorageOptions> Options { get; }

    /// <summary>Opens the file, as one start of the broker does.</summary>
    public BrokerDatabase Open() => new(Options);

    public void Dispose() => folder.Delete(recursive: true);

    /// <summary>
    /// Leaves the click batches as a version before their <paramref name="field"/> did: without it, and without the
    /// <paramref name="marker"/> collection that says every batch has it.
    /// </summary>
    public static void WithoutClickBatchField(BrokerDatabase database, string field, string marker) => database.Write(() =>
    {
        var batches = database.Collection<BsonDocument>("clickbatches");
        foreach (var batch in batches.FindAll().ToList())
        {
            batch.Remove(field);
            batches.Update(batch);
        }

        database.Database.DropCollection(marker);
    });
}
