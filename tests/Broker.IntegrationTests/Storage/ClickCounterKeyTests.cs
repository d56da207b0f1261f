using Broker.Sharing;
using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// On a real LiteDB file: an ASN's click counters are read as one range of their links' keys, and a file whose counters
/// were written before they kept the key is read by code (the same counts) until the start's background upgrade, or a
/// counter's next write, gives each its key.
/// </summary>
public sealed class ClickCounterKeyTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Counters_written_before_their_keys_count_the_same_before_and_after_the_upgrade_and_a_click_keys_its_own()
    {
        using var file = new ScratchDatabase("broker-click-keys-");
        using (var database = file.Open())
        {
            var links = new LiteDbShareLinkStore(database);
            await links.GetOrAddAsync(Link("AniItem1aa", "ani", "item-1"), CancellationToken.None);
            await links.GetOrAddAsync(Link("AniItem2aa", "ani", "item-2"), CancellationToken.None);
            await links.GetOrAddAsync(Link("AnitaItm1a", "ani2", "item-1"), CancellationToken.None); // a NIP that begins with the other
            await links.GetOrAddAsync(Link("BudiItem1a", "budi", "item-1"), CancellationToken.None);
            var store = new LiteDbClickStore(database);
            await store.AddAllAsync(
                [Click("AniItem1aa", 1), Click("AniItem1aa", 2), Click("AniItem2aa", 1), Click("AnitaItm1a", 3), Click("BudiItem1a", 4), Click("BudiItem1a", 4), Click("GoneLink01", 5)],
                CancellationToken.None);

            Assert.True(ClickCounterKeys.IsDone(database));
            var keys = database.Collection<BsonDocument>(ClickCounters.Name).FindAll().ToDictionary(c => c["_id"].AsString, c => c[ClickCounters.Key].AsString);
            Assert.Equal("ani:item-1", keys["AniItem1aa"]);
            Assert.Equal(string.Empty, keys["GoneLink01"]); // a click on a link that is gone: counted, under no ASN
            await AssertCountsAsync(store);

            // As an earlier version left them: no key on any counter.
            database.Write(() =>
            {
                var counts = database.Collection<BsonDocument>(ClickCounters.Name);
                var all = counts.FindAll().ToList();
                all.ForEach(c => c.Remove(ClickCounters.Key));
                counts.Update(all);
            });
        }

        using var reopened = file.Open();
        var clicks = new LiteDbClickStore(reopened);
        Assert.False(ClickCounterKeys.IsDone(reopened));
        await AssertCountsAsync(clicks);

        // A click on one link keys its counter at once; the others wait for the upgrade.
        await clicks.AddAllAsync([Click("BudiItem1a", 6)], CancellationToken.None);
        Assert.Equal("budi:item-1", reopened.Collection<BsonDocument>(ClickCounters.Name).FindById("BudiItem1a")[ClickCounters.Key].AsString);
        Assert.False(ClickCounterKeys.IsDone(reopened));

        using (var upgrade = new ClickBatchUpgrade(reopened, Options.Create(new StorageOptions()), TimeProvider.System, NullLogger<ClickBatchUpgrade>.Instance))
        {
            await upgrade.StartAsync(CancellationToken.None);
            await upgrade.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.True(ClickCounterKeys.IsDone(reopened));
        var budi = await clicks.CountsByNipAsync("budi", CancellationToken.None);
        Assert.Equal(new ClickCounts(3, 2), budi.All);
        await AssertCountsAsync(new LiteDbClickStore(reopened), budiClicks: 3, budiVisitors: 2);
    }

    private static async Task AssertCountsAsync(LiteDbClickStore store, int budiClicks = 2, int budiVisitors = 1)
    {
        var ani = await store.CountsByNipAsync("ani", CancellationToken.None);
        Assert.Equal(new ClickCounts(3, 2), ani.All);
        Assert.Equal(new ClickCounts(2, 2), ani.PerLink["AniItem1aa"]);
        Assert.Equal(new ClickCounts(1, 1), ani.PerLink["AniItem2aa"]);
        Assert.Equal(["AniItem1aa", "AniItem2aa"], ani.Links.Select(l => l.Id).Order());

        var anita = await store.CountsByNipAsync("ani2", CancellationToken.None);
        Assert.Equal(new ClickCounts(1, 1), anita.All);
        Assert.Equal(["AnitaItm1a"], anita.PerLink.Keys);

        var budi = await store.CountsByNipAsync("budi", CancellationToken.None);
        Assert.Equal(new ClickCounts(budiClicks, budiVisitors), budi.All);
        Assert.Empty((await store.CountsByNipAsync("nobody", CancellationToken.None)).PerLink);
    }

    private static ShareLink Link(string code, string nip, string itemId) =>
        new() { Id = code, Key = ShareLink.KeyOf(nip, itemId), Nip = nip, ItemId = itemId, Opd = "dinkes", CreatedAt = Noon };

    private static Click Click(string code, ulong visitor) => new(code, "item-1", 0, new UInt128(0, visitor), Noon);
}
