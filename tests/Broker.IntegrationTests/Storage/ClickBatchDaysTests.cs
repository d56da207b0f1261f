using Broker.Sharing;
using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// A LiteDB file whose click batches were written before they named their UTC dates: a day's clicks are found from the
/// start of the day on until the next start's background upgrade adds the dates, and by the dates after it.
/// </summary>
public sealed class ClickBatchDaysTests
{
    [Fact]
    public async Task Batches_written_before_their_dates_are_read_the_old_way_until_the_background_upgrade_adds_them()
    {
        using var file = new ScratchDatabase("broker-click-days-");
        var noon = new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
        using (var database = file.Open())
        {
            await new LiteDbShareLinkStore(database).GetOrAddAsync(
                new ShareLink { Id = "AniItem1aa", Key = "n:item-1", Nip = "n", ItemId = "item-1", Opd = "dinkes", CreatedAt = noon }, CancellationToken.None);
            var store = new LiteDbClickStore(database);
            await store.AddAllAsync([new Click("AniItem1aa", "item-1", 0, new UInt128(0, 1), noon), new Click("AniItem1aa", "item-1", 0, new UInt128(0, 2), noon.AddDays(1))], CancellationToken.None);
            await store.AddAllAsync([new Click("AniItem1aa", "item-1", 0, new UInt128(0, 3), noon.AddDays(2))], CancellationToken.None);

            ScratchDatabase.WithoutClickBatchField(database, "Days", "clickbatchdays"); // as an earlier broker left them
        }

        using var reopened = file.Open();
        var clicks = new LiteDbClickStore(reopened);
        Assert.False(ClickBatchFields.Days.IsDone(reopened));
        Assert.Equal([noon.AddDays(1)], clicks.ReadBetween(noon.AddDays(1), noon.AddDays(2)).Select(c => c.At));

        using (var upgrade = new ClickBatchUpgrade(reopened, Options.Create(new StorageOptions()), TimeProvider.System, NullLogger<ClickBatchUpgrade>.Instance))
        {
            await upgrade.StartAsync(CancellationToken.None);
            await upgrade.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.True(ClickBatchFields.Days.IsDone(reopened));
        Assert.All(reopened.Collection<BsonDocument>("clickbatches").FindAll(), b => Assert.True(b["Days"].IsArray));
        Assert.Equal([noon.AddDays(1)], clicks.ReadBetween(noon.AddDays(1), noon.AddDays(2)).Select(c => c.At));
        Assert.Equal([noon, noon.AddDays(1), noon.AddDays(2)], clicks.ReadBetween(noon.AddHours(-1), noon.AddDays(3)).Select(c => c.At));
    }

    [Fact]
    public void A_new_database_needs_no_upgrade_so_no_start_walks_its_batches()
    {
        using var file = new ScratchDatabase("broker-click-fields-new-");
        using var database = file.Open();
        Assert.False(ClickBatchFields.Codes.IsDone(database));
        _ = new LiteDbClickStore(database);
        Assert.True(ClickBatchFields.Codes.IsDone(database));
        Assert.True(ClickBatchFields.Days.IsDone(database));
        Assert.True(ClickCounterBackfill.IsBuilt(database));
    }
}
