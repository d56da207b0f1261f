using Broker.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Storage;

/// <summary>The LiteDB group commit on a real database file.</summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("broker-group-commit-").FullName;

    private string FilePath => Path.Combine(folder, "broker.db");

    [Fact]
    public async Task Writes_queued_at_the_same_moment_share_one_transaction_and_all_land()
    {
        using var database = Open();
        var things = database.Collection<BsonDocument>("things");
        List<Task<BsonValue>> inserts = [];

        // While another write holds the database, every insert queues; they then go in together.
        database.Write(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                var id = i;
                inserts.Add(database.WriteAsync(() => things.Insert(new BsonDocument { ["_id"] = id })));
            }
        });
        await Task.WhenAll(inserts);

        Assert.Equal(300, things.Count());
        Assert.InRange(database.GroupTransactions, 1, 2); // the writer may have taken the first before it had to wait
    }

    [Fact]
    public async Task A_failing_write_fails_only_its_caller_and_its_batch_still_lands()
    {
        using var database = Open();
        var things = database.Collection<BsonDocument>("things");
        database.Write(() => things.Insert(new BsonDocument { ["_id"] = 7 }));
        List<Task<BsonValue>> inserts = [];

        database.Write(() =>
        {
            foreach (var id in new[] { 1, 2, 7, 3, 4 })
            {
                inserts.Add(database.WriteAsync(() => things.Insert(new BsonDocument { ["_id"] = id })));
            }
        });

        var duplicate = await Assert.ThrowsAsync<LiteException>(() => inserts[2]);
        Assert.Contains("duplicate", duplicate.Message, StringComparison.OrdinalIgnoreCase);
        await Task.WhenAll(inserts.Where((_, i) => i != 2));
        Assert.Equal([1, 2, 3, 4, 7], things.FindAll().Select(d => d["_id"].AsInt32).Order());
    }

    [Fact]
    public async Task Closing_the_database_commits_every_write_it_accepted()
    {
        var database = Open();
        var things = database.Collection<BsonDocument>("things");
        var inserts = Enumerable.Range(0, 1_000)
            .Select(i => database.WriteAsync(() => things.Insert(new BsonDocument { ["_id"] = i, ["text"] = new string('x', 200) })))
            .ToList();

        database.Dispose();
        await Task.WhenAll(inserts);

        using var reopened = Open();
        Assert.Equal(1_000, reopened.Collection<BsonDocument>("things").Count());
        Assert.Throws<ObjectDisposedException>(() => { _ = database.WriteAsync(() => things.Insert(new BsonDocument { ["_id"] = -1 })); });
    }

    [Fact]
    public async Task Concurrent_writers_read_their_own_writes_once_their_write_completes()
    {
        using var database = Open();
        var things = database.Collection<BsonDocument>("things");

        await Parallel.ForEachAsync(Enumerable.Range(0, 2_000), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            await database.WriteAsync(() => things.Insert(new BsonDocument { ["_id"] = i }));
            Assert.NotNull(things.FindById(i));
        });

        Assert.Equal(2_000, things.Count());
        Assert.True(database.GroupTransactions < 2_000, $"{database.GroupTransactions} transactions for 2,000 concurrent writes");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private BrokerDatabase Open() => new(Options.Create(new StorageOptions { DatabasePath = FilePath }));
}
