using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Storage;

/// <summary>Every LiteDB write goes through the single writer (litedb #2825), and is forced to disk after it.</summary>
public sealed class WriterGuardTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("broker-writer-guard-").FullName;

    [Fact]
    public void A_write_made_beside_the_single_writer_fails_and_names_the_operation()
    {
        using var database = Open();
        var things = database.Collection<BsonDocument>("things");
        database.Write(() => things.Insert(new BsonDocument { ["_id"] = 1, ["x"] = 1 }));

        Assert.Contains("Insert", Assert.Throws<InvalidOperationException>(() => things.Insert(new BsonDocument { ["_id"] = 2 })).Message, StringComparison.Ordinal);
        Assert.Contains("Update", Assert.Throws<InvalidOperationException>(() => things.Update(new BsonDocument { ["_id"] = 1, ["x"] = 2 })).Message, StringComparison.Ordinal);
        Assert.Contains("Upsert", Assert.Throws<InvalidOperationException>(() => things.Upsert(new BsonDocument { ["_id"] = 3 })).Message, StringComparison.Ordinal);
        Assert.Contains("Delete", Assert.Throws<InvalidOperationException>(() => things.Delete(1)).Message, StringComparison.Ordinal);
        Assert.Contains("DeleteMany", Assert.Throws<InvalidOperationException>(() => things.DeleteMany("$.x = 1")).Message, StringComparison.Ordinal);
        Assert.Contains("EnsureIndex", Assert.Throws<InvalidOperationException>(() => things.EnsureIndex("x", "$.x")).Message, StringComparison.Ordinal);
        Assert.Contains("DropCollection", Assert.Throws<InvalidOperationException>(() => database.Database.DropCollection("things")).Message, StringComparison.Ordinal);
        Assert.Contains("BeginTrans", Assert.Throws<InvalidOperationException>(() => database.Database.BeginTrans()).Message, StringComparison.Ordinal);
        Assert.Contains("Checkpoint", Assert.Throws<InvalidOperationException>(database.Database.Checkpoint).Message, StringComparison.Ordinal);
        Assert.Contains("Pragma", Assert.Throws<InvalidOperationException>(() => database.Database.UserVersion = 7).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => database.Database.FileStorage.Upload("$/files/a", "a.bin", new MemoryStream([1, 2, 3])));

        // Reads stay free, and nothing the refused writes tried is there.
        Assert.Equal(1, Assert.Single(things.FindAll())["x"].AsInt32);
        Assert.Null(database.Database.FileStorage.FindById("$/files/a"));
        Assert.Equal(0, database.Database.UserVersion);
    }

    [Fact]
    public async Task A_photos_jpeg_rendition_is_written_in_the_writers_turn_and_forced_to_disk()
    {
        using var database = Open();
        var media = new LiteDbMediaStore(database);
        var log = new List<LiteDbFile.Operation>();
        database.LogFile.Watch = (operation, _, _) =>
        {
            lock (log)
            {
                log.Add(operation);
            }
        };

        await media.AddJpegRenditionAsync("photo-1", new MemoryStream(new byte[300_000]), CancellationToken.None);

        Assert.Contains(LiteDbFile.Operation.Write, log);
        Assert.Equal(LiteDbFile.Operation.Sync, log[^1]);
        await using var stored = await media.OpenJpegRenditionAsync("photo-1", CancellationToken.None);
        Assert.Equal(300_000, stored!.Length);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private BrokerDatabase Open() => new(Options.Create(new StorageOptions { DatabasePath = Path.Combine(folder, "broker.db") }));
}
