using Broker.Sharing;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class ClickStoreContract : StoreContract
{
    private const string Ani = "199001012020121001";
    private const string Budi = "199202022020122002";

    /// <summary>Whole milliseconds, as a click's time is compared on both providers (PostgreSQL keeps microseconds).</summary>
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, 125, TimeSpan.Zero);

    private static readonly UInt128 Visitor = new(0xFEDC_BA98_7654_3210, 0x0123_4567_89AB_CDEF);

    /// <summary>Ani's links to items 1 and 2, Budi's to item 1.</summary>
    private async Task<IClickStore> ClicksOnThreeLinksAsync()
    {
        var links = Get<IShareLinkStore>();
        await links.GetOrAddAsync(ShareLinkStoreContract.Link("AniItem1aa", Ani, "item-1", Noon, "dinkes"), CancellationToken.None);
        await links.GetOrAddAsync(ShareLinkStoreContract.Link("AniItem2aa", Ani, "item-2", Noon, "dinkes"), CancellationToken.None);
        await links.GetOrAddAsync(ShareLinkStoreContract.Link("BudiItem1a", Budi, "item-1", Noon, "diskominfo"), CancellationToken.None);
        return Get<IClickStore>();
    }

    [Fact]
    public async Task A_click_is_read_back_with_its_link_channel_visitor_and_time()
    {
        var clicks = await ClicksOnThreeLinksAsync();

        await clicks.AddAllAsync([new Click("BudiItem1a", "item-1", ShareChannels.NumberOf(ShareChannels.Telegram), Visitor, Noon.AddSeconds(5).ToOffset(TimeSpan.FromHours(7)))], CancellationToken.None);

        var click = Assert.Single(clicks.ReadByItem("item-1"));
        Assert.Equal(("BudiItem1a", Budi, "item-1", "diskominfo", Noon), (click.Link.Id, click.Link.Nip, click.Link.ItemId, click.Link.Opd, click.Link.CreatedAt));
        Assert.Equal(ShareLink.KeyOf(Budi, "item-1"), click.Link.Key);
        Assert.Equal((ShareChannels.Telegram, Visitor, Noon.AddSeconds(5)), (click.Channel, click.Visitor, click.At));
    }

    [Fact]
    public async Task Rolling_up_a_day_purges_its_clicks_and_keeps_each_links_counts_visitors_and_channels()
    {
        var clicks = await ClicksOnThreeLinksAsync();
        var (day, dayStart) = (DateOnly.FromDateTime(Noon.UtcDateTime), new DateTimeOffset(Noon.Date, TimeSpan.Zero));
        var other = new UInt128(1, 2);
        var telegram = ShareChannels.NumberOf(ShareChannels.Telegram);

        // One batch straddles the midnight after the day: its click of the next day stays.
        await clicks.AddAllAsync([new Click("AniItem1aa", "item-1", 0, Visitor, Noon), new Click("AniItem1aa", "item-1", telegram, Visitor, Noon.AddHours(1))], CancellationToken.None);
        await clicks.AddAllAsync([new Click("BudiItem1a", "item-1", 0, other, Noon.AddHours(2)), new Click("AniItem2aa", "item-2", 200, Visitor, dayStart.AddDays(1))], CancellationToken.None);
        await clicks.AddAllAsync([new Click("AniItem1aa", "item-1", 0, other, dayStart.AddSeconds(-1))], CancellationToken.None);

        Assert.Equal(dayStart.AddSeconds(-1), await clicks.OldestAsync(CancellationToken.None));
        Assert.Equal(3, await clicks.RollUpAsync(day, dayStart, dayStart.AddDays(1), 100, CancellationToken.None));
        Assert.Equal(0, await clicks.RollUpAsync(day, dayStart, dayStart.AddDays(1), 100, CancellationToken.None));

        Assert.Equal([dayStart.AddSeconds(-1), dayStart.AddDays(1)], clicks.ReadBetween(null, null).Select(c => c.At).Order());
        var days = await clicks.DaysBetweenAsync(null, null, CancellationToken.None);
        Assert.Equal(2, days.Count);
        var ani = Assert.Single(days, d => d.Link.Id == "AniItem1aa");
        Assert.Equal((day, Ani, "item-1", "dinkes", 2, 1, 1, 1), (ani.Day, ani.Link.Nip, ani.Link.ItemId, ani.Link.Opd, ani.Clicks, ani.Visitors, ani.ClicksOn(0), ani.ClicksOn(telegram)));
        var budi = Assert.Single(days, d => d.Link.Id == "BudiItem1a");
        Assert.Equal((1, 1), (budi.Clicks, budi.Visitors));
        Assert.Equal(["AniItem1aa", "BudiItem1a"], (await clicks.DaysOfItemAsync("item-1", CancellationToken.None)).Select(d => d.Link.Id).Order());
        Assert.Empty(await clicks.DaysOfItemAsync("item-2", CancellationToken.None));
        Assert.Equal(["AniItem1aa"], (await clicks.DaysOfNipAsync(Ani, CancellationToken.None)).Select(d => d.Link.Id));
        Assert.Empty(await clicks.DaysBetweenAsync(day.AddDays(1), null, CancellationToken.None));
        Assert.Empty(await clicks.DaysBetweenAsync(null, day, CancellationToken.None));
        Assert.Equal(2, (await clicks.DaysBetweenAsync(day, day.AddDays(1), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_day_is_rolled_up_a_bounded_number_of_links_at_a_time_each_links_visitors_counted_once()
    {
        var clicks = await ClicksOnThreeLinksAsync();
        var (day, dayStart) = (DateOnly.FromDateTime(Noon.UtcDateTime), new DateTimeOffset(Noon.Date, TimeSpan.Zero));
        foreach (var batch in Enumerable.Range(0, 3))
        {
            // The same two visitors on every link in every batch: a link split over two roll-ups would count them twice.
            await clicks.AddAllAsync(
                [.. new[] { "AniItem1aa", "AniItem2aa", "BudiItem1a" }.SelectMany(code => new[] { new Click(code, "item-x", 0, Visitor, Noon.AddMinutes(batch)), new Click(code, "item-x", 0, Visitor + 1, Noon.AddMinutes(batch)) })],
                CancellationToken.None);
        }

        Assert.Equal(12, await clicks.RollUpAsync(day, dayStart, dayStart.AddDays(1), 2, CancellationToken.None));
        Assert.Equal(6, await clicks.RollUpAsync(day, dayStart, dayStart.AddDays(1), 2, CancellationToken.None));
        Assert.Equal(0, await clicks.RollUpAsync(day, dayStart, dayStart.AddDays(1), 2, CancellationToken.None));

        Assert.Null(await clicks.OldestAsync(CancellationToken.None));
        var days = await clicks.DaysBetweenAsync(null, null, CancellationToken.None);
        Assert.Equal([("AniItem1aa", 6, 2), ("AniItem2aa", 6, 2), ("BudiItem1a", 6, 2)], days.Select(d => (d.Link.Id, d.Clicks, d.Visitors)).OrderBy(d => d.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Two_roll_ups_of_one_day_at_once_count_every_click_exactly_once()
    {
        var clicks = await ClicksOnThreeLinksAsync();
        var (day, dayStart) = (DateOnly.FromDateTime(Noon.UtcDateTime), new DateTimeOffset(Noon.Date, TimeSpan.Zero));
        for (var batch = 0; batch < 10; batch++)
        {
            await clicks.AddAllAsync([.. Enumerable.Range(batch * 100, 100).Select(i => At(i % 2 == 0 ? "AniItem1aa" : "BudiItem1a", "item-1", i))], CancellationToken.None);
        }

        var purged = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var total = 0;
            int taken;
            while ((taken = await clicks.RollUpAsync(day, dayStart, dayStart.AddDays(1), 1, CancellationToken.None)) > 0)
            {
                total += taken;
            }

            return total;
        })));

        Assert.Equal(1_000, purged.Sum());
        Assert.Empty(clicks.ReadBetween(null, null));
        var days = await clicks.DaysBetweenAsync(null, null, CancellationToken.None);
        Assert.Equal([("AniItem1aa", 500, 500), ("BudiItem1a", 500, 500)], days.Select(d => (d.Link.Id, d.Clicks, d.Visitors)).OrderBy(d => d.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_channel_number_the_broker_does_not_know_is_read_as_a_plain_link()
    {
        var clicks = await ClicksOnThreeLinksAsync();

        await clicks.AddAllAsync([new Click("AniItem1aa", "item-1", 200, UInt128.MaxValue, Noon)], CancellationToken.None);

        var click = Assert.Single(clicks.ReadByNip(Ani));
        Assert.Equal((ShareChannels.Link, UInt128.MaxValue), (click.Channel, click.Visitor));
    }

    [Fact]
    public async Task Each_reader_gives_only_its_own_clicks_in_the_order_they_were_made()
    {
        var clicks = await ClicksOnThreeLinksAsync();
        await clicks.AddAllAsync([At("AniItem1aa", "item-1", 0), At("BudiItem1a", "item-1", 1), At("AniItem2aa", "item-2", 2)], CancellationToken.None);
        await clicks.AddAllAsync([At("AniItem2aa", "item-2", 3), At("BudiItem1a", "item-1", 4), At("AniItem1aa", "item-1", 5)], CancellationToken.None);

        Assert.Equal([0, 1, 4, 5], Seconds(clicks.ReadByItem("item-1")));
        Assert.Equal([2, 3], Seconds(clicks.ReadByItem("item-2")));
        Assert.Empty(clicks.ReadByItem("ITEM-1"));
        Assert.Equal([0, 2, 3, 5], Seconds(clicks.ReadByNip(Ani)));
        Assert.Equal([1, 4], Seconds(clicks.ReadByNip(Budi)));
        Assert.Empty(clicks.ReadByNip("199303032020123003"));
    }

    [Fact]
    public async Task A_period_holds_the_clicks_from_its_start_up_to_but_not_at_its_end()
    {
        var clicks = await ClicksOnThreeLinksAsync();
        await clicks.AddAllAsync([.. Enumerable.Range(0, 6).Select(s => At(s % 2 == 0 ? "AniItem1aa" : "BudiItem1a", "item-1", s))], CancellationToken.None);

        Assert.Equal([2, 3], Seconds(clicks.ReadBetween(Noon.AddSeconds(2), Noon.AddSeconds(4))));
        Assert.Equal([4, 5], Seconds(clicks.ReadBetween(Noon.AddSeconds(4), null)));
        Assert.Equal([0, 1], Seconds(clicks.ReadBetween(null, Noon.AddSeconds(2))));
        Assert.Equal([0, 1, 2, 3, 4, 5], Seconds(clicks.ReadBetween(null, null)));
        Assert.Empty(clicks.ReadBetween(Noon.AddSeconds(6), null));
    }

    [Fact]
    public async Task A_batch_with_a_click_that_has_no_share_code_is_refused_whole()
    {
        var clicks = await ClicksOnThreeLinksAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => clicks.AddAllAsync([At("AniItem1aa", "item-1", 0), At("not-a-code", "item-1", 1)], CancellationToken.None));

        Assert.Empty(clicks.ReadBetween(null, null));
    }

    [Fact]
    public async Task Batches_written_at_the_same_moment_are_all_kept()
    {
        var clicks = await ClicksOnThreeLinksAsync();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(b => Task.Run(() =>
            clicks.AddAllAsync([.. Enumerable.Range(0, 100).Select(i => At("AniItem1aa", "item-1", (b * 100) + i))], CancellationToken.None))));

        Assert.Equal(Enumerable.Range(0, 1600), Seconds(clicks.ReadByItem("item-1")).Order());
    }

    [Fact]
    public async Task Many_clicks_are_read_one_by_one_and_a_reader_left_early_does_not_hold_up_the_next()
    {
        var clicks = await ClicksOnThreeLinksAsync();
        for (var batch = 0; batch < 10; batch++)
        {
            await clicks.AddAllAsync([.. Enumerable.Range(batch * 5_000, 5_000).Select(i => At(i % 3 == 0 ? "BudiItem1a" : "AniItem1aa", "item-1", i))], CancellationToken.None);
        }

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(0, Seconds(clicks.ReadBetween(null, null).Take(1)).Single());
        }

        var seconds = 0;
        foreach (var click in clicks.ReadByItem("item-1"))
        {
            Assert.Equal(Noon.AddSeconds(seconds++), click.At);
        }

        Assert.Equal(50_000, seconds);
        Assert.Equal(Enumerable.Range(0, 50_000).Count(i => i % 3 != 0), clicks.ReadByNip(Ani).Count());
    }

    [Fact]
    public async Task An_asns_clicks_among_many_asns_on_one_item_count_as_the_items_clicks_on_their_links_with_rolled_up_days()
    {
        var links = Get<IShareLinkStore>();
        var clicks = Get<IClickStore>();
        var (day, dayStart) = (DateOnly.FromDateTime(Noon.UtcDateTime), new DateTimeOffset(Noon.Date, TimeSpan.Zero));
        var codes = new List<(string Code, string Nip, string Item)> { ("AniItem2aa", Ani, "item-2") };
        for (var n = 0; n < 12; n++)
        {
            codes.Add(($"Item1Asn{n:D2}", n == 0 ? Ani : $"1990010120201210{n:D2}", "item-1"));
        }

        foreach (var (code, nip, item) in codes)
        {
            await links.GetOrAddAsync(ShareLinkStoreContract.Link(code, nip, item, Noon, "dinkes"), CancellationToken.None);
        }

        // Batches mixing every link's clicks over two days, visitors coming back on one link and across links.
        for (var batch = 0; batch < 6; batch++)
        {
            await clicks.AddAllAsync(
                [.. Enumerable.Range(0, 40).Select(i => codes[(i * 7 + batch) % codes.Count]).Select((c, i) =>
                    new Click(c.Code, c.Item, i % ShareChannels.All.Count, new UInt128(0, (ulong)((i + batch) % 9)), dayStart.AddHours(batch * 6 + 1).AddSeconds(i)))],
                CancellationToken.None);
        }

        var expected = Tally(clicks.ReadByItem("item-1").Concat(clicks.ReadByItem("item-2")).Where(c => c.Link.Nip == Ani), []);
        Assert.True(await clicks.RollUpAsync(day, dayStart, dayStart.AddDays(1), 100, CancellationToken.None) > 0);

        // The old way: the ASN's items' clicks and days, kept to the ASN's links.
        var byItems = Tally(
            clicks.ReadByItem("item-1").Concat(clicks.ReadByItem("item-2")).Where(c => c.Link.Nip == Ani),
            [.. (await clicks.DaysOfItemAsync("item-1", CancellationToken.None)).Concat(await clicks.DaysOfItemAsync("item-2", CancellationToken.None)).Where(d => d.Link.Nip == Ani)]);
        var byNip = Tally(clicks.ReadByNip(Ani), await clicks.DaysOfNipAsync(Ani, CancellationToken.None));
        Assert.Equal(byItems, byNip);
        Assert.Equal(["*", "AniItem2aa", "Item1Asn00"], byNip.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected["*"].Total, byNip["*"].Total);
    }

    /// <summary>Each link's counts and the whole's ("*"), as the share page counts them.</summary>
    private static Dictionary<string, ClickCounts> Tally(IEnumerable<StoredClick> read, IReadOnlyList<ClickDay> days)
    {
        var all = new ClickTally();
        var perLink = new Dictionary<string, ClickTally>(StringComparer.Ordinal);
        foreach (var click in read)
        {
            all.Add(click.Visitor);
            ClickTally.For(perLink, click.Link.Id).Add(click.Visitor);
        }

        foreach (var d in days)
        {
            all.Add(d);
            ClickTally.For(perLink, d.Link.Id).Add(d);
        }

        var counts = perLink.ToDictionary(p => p.Key, p => p.Value.Counts, StringComparer.Ordinal);
        counts["*"] = all.Counts;
        return counts;
    }

    private static Click At(string code, string itemId, int second) => new(code, itemId, second % ShareChannels.All.Count, Visitor + (uint)second, Noon.AddSeconds(second));

    private static List<int> Seconds(IEnumerable<StoredClick> clicks) => [.. clicks.Select(c => (int)(c.At - Noon).TotalSeconds)];
}

public sealed class ClickStoreOnLiteDb : ClickStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class ClickStoreOnPostgreSql : ClickStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
