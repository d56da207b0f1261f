using Broker.Storage;
using LiteDB;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// On a real LiteDB file: a collection's version moves after every commit that wrote to it (a write on its own, an
/// explicit transaction, a group commit, a write that failed), never for another collection's write.
/// </summary>
public sealed class CollectionVersionsTests : IDisposable
{
    private static readonly string[] Items = ["items"];

    private readonly ScratchDatabase file = new("broker-versions-");
    private readonly BrokerDatabase database;

    public CollectionVersionsTests()
    {
        database = file.Open();
    }

    [Fact]
    public async Task A_collections_version_moves_after_each_commit_that_wrote_to_it_and_for_no_other_collection()
    {
        var versions = database.Versions;
        var items = database.Database.GetCollection("items");
        var start = versions.Of(Items);

        database.Write(() => items.Insert(new BsonDocument { ["_id"] = "a" }));
        var afterOne = versions.Of(Items);
        Assert.True(afterOne > start);

        // In an explicit transaction the write is seen only at the commit: the version moves again there.
        var inside = 0L;
        database.Write(() =>
        {
            Assert.True(database.Database.BeginTrans());
            items.Insert(new BsonDocument { ["_id"] = "b" });
            inside = versions.Of(Items);
            Assert.True(database.Database.Commit());
        });
        Assert.True(versions.Of(Items) > inside);

        var beforeBatch = versions.Of(Items);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => database.WriteAsync(() => items.Insert(new BsonDocument { ["_id"] = $"batch-{i}" }))));
        Assert.True(versions.Of(Items) > beforeBatch);

        // A write that fails (a duplicate key) may have changed nothing, but moving costs only a kept answer.
        var beforeFailure = versions.Of(Items);
        Assert.ThrowsAny<LiteException>(() => database.Write(() => items.Insert(new BsonDocument { ["_id"] = "a" })));
        Assert.True(versions.Of(Items) >= beforeFailure);

        var untouched = versions.Of(Items);
        database.Write(() => database.Database.GetCollection("clicks").Insert(new BsonDocument { ["_id"] = "k" }));
        database.Write(() => items.Count());
        Assert.Equal(untouched, versions.Of(Items));
        Assert.True(versions.Of(["clicks"]) > 0);
        Assert.True(versions.Of(["items", "clicks"]) > untouched);
        Assert.Equal(7, items.Count());
    }

    public void Dispose()
    {
        database.Dispose();
        file.Dispose();
    }
}
