using Broker.Sharing;
using Broker.Storage;
using Broker.Storage.LiteDb;
using Broker.Storage.PostgreSql;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

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

    /// <summary>
    /// Empties the click counters and builds them again from the clicks and days stored, as for a database written before
    /// counters existed; returns the store to read them through.
    /// </summary>
    protected abstract Task<IClickStore> BuildCountersAgainAsync(Func<IClickStore, Task> whileBuilding);

    /// <summary>Twelve ASN with a link to item 1 each, Ani (the first) one to item 2 as well.</summary>
    private async Task<List<(string Code, string Nip, string Item)>> ManyAsnOnOneItemAsync()
    {
        var codes = new List<(string Code, string Nip, string Item)> { ("AniItem2aa", Ani, "item-2") };
        for (var n = 0; n < 12; n++)
        {
            codes.Add(($"Item1Asn{n:D2}", n == 0 ? Ani : $"1990010120201210{n:D2}", "item-1"));
        }

        foreach (var (code, nip, item) in codes)
        {
            await Get<IShareLinkStore>().GetOrAddAsync(ShareLinkStoreContract.Link(code, nip, item, Noon, "dinkes"), CancellationToken.None);
        }

        return codes;
    }

    /// <summary>Batches mixing every link's clicks over three days, visitors coming back on one link and across links.</summary>
    private static async Task ClickOnAsync(IClickStore clicks, List<(string Code, string Nip, string Item)> codes, DateTimeOffset dayStart, int batches)
    {
        for (var batch = 0; batch < batches; batch++)
        {
            await clicks.AddAllAsync(
                [.. Enumerable.Range(0, 40).Select(i => (Link: codes[((i * 7) + batch) % codes.Count], i)).Select(c =>
                    new Click(c.Link.Code, c.Link.Item, c.i % ShareChannels.All.Count, new UInt128(0, (ulong)((c.i + batch) % 9)), dayStart.AddHours(batch * 4).AddSeconds(c.i)))],
                CancellationToken.None);
        }
    }

    /// <summary>Every ASN's counts from the counters equal the old tally of their clicks and rolled-up days.</summary>
    private static async Task AssertCountsAreTheTallysAsync(IClickStore clicks, IEnumerable<string> nips)
    {
        foreach (var nip in nips.Distinct())
        {
            var counted = await clicks.CountsByNipAsync(nip, CancellationToken.None);
            var flat = counted.PerLink.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            flat["*"] = counted.All;
            Assert.Equal(Tally(clicks.ReadByNip(nip), await clicks.DaysOfNipAsync(nip, CancellationToken.None)), flat);
        }
    }

    [Fact]
    public async Task An_asns_counters_give_the_old_tallys_figures_per_link_and_in_all_before_and_after_days_are_rolled_up()
    {
        var codes = await ManyAsnOnOneItemAsync();
        var clicks = Get<IClickStore>();
        var (day, dayStart) = (DateOnly.FromDateTime(Noon.UtcDateTime), new DateTimeOffset(Noon.Date, TimeSpan.Zero));
        var nips = codes.Select(c => c.Nip).Append("199303032020123003").ToList();
        await ClickOnAsync(clicks, codes, dayStart, 18);
        await AssertCountsAreTheTallysAsync(clicks, nips);
        Assert.Equal(ClickCounts.None, (await clicks.CountsByNipAsync("199303032020123003", CancellationToken.None)).All);

        // Part of the first day (a few links), then the whole of it, then a click written late for it, rolled up in turn.
        Assert.True(await clicks.RollUpAsync(day, dayStart, dayStart.AddDays(1), 3, CancellationToken.None) > 0);
        await AssertCountsAreTheTallysAsync(clicks, nips);
        while (await clicks.RollUpAsync(day, dayStart, dayStart.AddDays(1), 3, CancellationToken.None) > 0)
        {
        }

        await AssertCountsAreTheTallysAsync(clicks, nips);
        await clicks.AddAllAsync([new Click("Item1Asn00", "item-1", 0, new UInt128(0, 3), dayStart.AddHours(23)), new Click("Item1Asn00", "item-1", 0, new UInt128(0, 99), dayStart.AddHours(23))], CancellationToken.None);
        await AssertCountsAreTheTallysAsync(clicks, nips);
        Assert.Equal(2, await clicks.RollUpAsync(day, dayStart, dayStart.AddDays(1), 100, CancellationToken.None));
        await AssertCountsAreTheTallysAsync(clicks, nips);
        var ani = await clicks.CountsByNipAsync(Ani, CancellationToken.None);
        Assert.Equal(["AniItem2aa", "Item1Asn00"], ani.PerLink.Keys.Order(StringComparer.Ordinal));
        Assert.True(ani.All.Unique < ani.PerLink.Values.Sum(c => c.Unique), "a visitor of both of Ani's links is one visitor of Ani's");
    }

    [Fact]
    public async Task An_asns_counts_come_with_every_link_of_theirs_clicked_or_not_and_no_one_elses()
    {
        var clicks = await ClicksOnThreeLinksAsync();
        await clicks.AddAllAsync([new Click("AniItem1aa", "item-1", 0, Visitor, Noon), new Click("BudiItem1a", "item-1", 0, Visitor, Noon)], CancellationToken.None);

        var ani = await clicks.CountsByNipAsync(Ani, CancellationToken.None);
        var budi = await clicks.CountsByNipAsync(Budi, CancellationToken.None);
        var nobody = await clicks.CountsByNipAsync("199303032020123003", CancellationToken.None);

        Assert.Equal(
            [("AniItem1aa", Ani, "item-1", "dinkes", Noon), ("AniItem2aa", Ani, "item-2", "dinkes", Noon)],
            ani.Links.Select(l => (l.Id, l.Nip, l.ItemId, l.Opd, l.CreatedAt)).OrderBy(l => l.Id, StringComparer.Ordinal));
        Assert.Equal(ShareLink.KeyOf(Ani, "item-2"), ani.Links.Single(l => l.Id == "AniItem2aa").Key);
        Assert.Equal(["AniItem1aa"], ani.PerLink.Keys);
        Assert.Equal(["BudiItem1a"], budi.Links.Select(l => l.Id));
        Assert.Empty(nobody.Links);
    }

    [Fact]
    public async Task Batches_on_one_link_at_once_and_a_roll_up_beside_them_lose_no_count()
    {
        var clicks = await ClicksOnThreeLinksAsync();
        var (day, dayStart) = (DateOnly.FromDateTime(Noon.UtcDateTime), new DateTimeOffset(Noon.Date, TimeSpan.Zero));
        await clicks.AddAllAsync([.. Enumerable.Range(0, 300).Select(i => new Click(i % 2 == 0 ? "AniItem1aa" : "AniItem2aa", "item-1", 0, new UInt128(0, (ulong)(i % 50)), Noon.AddSeconds(i)))], CancellationToken.None);

        // The same visitors on the same two links, in every batch, the day before being rolled up meanwhile.
        var writes = Enumerable.Range(0, 16).Select(b => Task.Run(() => clicks.AddAllAsync(
            [.. Enumerable.Range(0, 100).Select(i => new Click(i % 2 == 0 ? "AniItem1aa" : "AniItem2aa", "item-1", 0, new UInt128(0, (ulong)((i + b) % 60)), Noon.AddDays(1).AddSeconds((b * 100) + i)))],
            CancellationToken.None)));
        var rollUp = Task.Run(async () =>
        {
            while (await clicks.RollUpAsync(day, dayStart, dayStart.AddDays(1), 1, CancellationToken.None) > 0)
            {
            }
        });
        await Task.WhenAll(writes.Append(rollUp));

        var ani = await clicks.CountsByNipAsync(Ani, CancellationToken.None);
        Assert.Equal(300 + 1_600, ani.All.Total);
        Assert.Equal((950, 950), (ani.PerLink["AniItem1aa"].Total, ani.PerLink["AniItem2aa"].Total));
        await AssertCountsAreTheTallysAsync(clicks, [Ani, Budi]);
    }

    [Fact]
    public async Task Counters_built_from_clicks_and_days_stored_before_them_are_those_live_writes_keep()
    {
        var codes = await ManyAsnOnOneItemAsync();
        var clicks = Get<IClickStore>();
        var (day, dayStart) = (DateOnly.FromDateTime(Noon.UtcDateTime), new DateTimeOffset(Noon.Date, TimeSpan.Zero));
        var nips = codes.Select(c => c.Nip).ToList();
        await ClickOnAsync(clicks, codes, dayStart, 12);
        Assert.True(await clicks.RollUpAsync(day, dayStart, dayStart.AddDays(1), 5, CancellationToken.None) > 0);
        var live = new Dictionary<string, AsnClickCounts>(StringComparer.Ordinal);
        foreach (var nip in nips.Distinct())
        {
            live[nip] = await clicks.CountsByNipAsync(nip, CancellationToken.None);
        }

        clicks = await BuildCountersAgainAsync(store => AssertCountsAreTheTallysAsync(store, nips));

        foreach (var nip in nips.Distinct())
        {
            var built = await clicks.CountsByNipAsync(nip, CancellationToken.None);
            Assert.Equal(live[nip].All, built.All);
            Assert.Equal(live[nip].PerLink.OrderBy(p => p.Key, StringComparer.Ordinal), built.PerLink.OrderBy(p => p.Key, StringComparer.Ordinal));
        }

        // Kept up from there: more clicks, and the rest of the days rolled up.
        await ClickOnAsync(clicks, codes, dayStart.AddDays(1), 3);
        while (await clicks.RollUpAsync(day, dayStart, dayStart.AddDays(1), 5, CancellationToken.None) > 0)
        {
        }

        await AssertCountsAreTheTallysAsync(clicks, nips);
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

    // As a database of the version before: no counters, no marker, batches not marked counted. A store opened on it counts
    // the old way until the build is done.
    protected override async Task<IClickStore> BuildCountersAgainAsync(Func<IClickStore, Task> whileBuilding)
    {
        // The host's own upgrade runs off the start-up path: left running, it could build the counters this test drops
        // between the drop and the test's first step.
        await Services.GetServices<IHostedService>().OfType<ClickBatchUpgrade>().Single().ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        var database = Get<BrokerDatabase>();
        database.Write(() =>
        {
            foreach (var name in new[] { "clickcounts", "clickcountersbuilt" })
            {
                database.Database.DropCollection(name);
            }

            var batches = database.Collection<BsonDocument>("clickbatches");
            foreach (var batch in batches.FindAll().ToList())
            {
                batch.Remove("Counted");
                batches.Update(batch);
            }
        });
        var store = new LiteDbClickStore(database);
        Assert.False(ClickCounterBackfill.Step(database));
        await whileBuilding(store);
        ClickCounterBackfill.Finish(database, CancellationToken.None);
        return store;
    }
}

public sealed class ClickStoreOnPostgreSql : ClickStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;

    // The migration's own backfill script, run again on emptied counters. There is no time between on PostgreSQL: the
    // upgrade's transaction builds them before any reader sees the new schema.
    protected override async Task<IClickStore> BuildCountersAgainAsync(Func<IClickStore, Task> whileBuilding)
    {
        var assembly = typeof(PgDatabase).Assembly;
        await using var script = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith("0281_click_counters_backfill.sql", StringComparison.Ordinal)))!;
        var backfill = await new StreamReader(script).ReadToEndAsync();
        await using var connection = await Get<PgDatabase>().OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"TRUNCATE click_counts, click_link_visitors; {backfill}", connection);
        await command.ExecuteNonQueryAsync();
        return Get<IClickStore>();
    }
}
