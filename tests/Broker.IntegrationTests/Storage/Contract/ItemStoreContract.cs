using Broker.Intake;
using Broker.Scheduling;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class ItemStoreContract : StoreContract
{
    private IItemStore Items => Get<IItemStore>();

    [Fact]
    public async Task An_item_is_read_back_with_every_property_it_was_stored_with()
    {
        var item = Populated.Item("item-1");
        PropertyAssert.FullyPopulated(item);

        await Items.AddAsync(item, CancellationToken.None);

        PropertyAssert.Same(item, await Items.GetAsync("item-1", CancellationToken.None));
    }

    [Fact]
    public async Task A_title_read_before_its_item_changed_is_read_changed_and_a_refused_change_leaves_it()
    {
        await Items.AddAsync(Populated.Item("item-1"), CancellationToken.None);
        await Items.AddAsync(Populated.Item("item-2"), CancellationToken.None);
        Assert.Equal("Vaksinasi gratis", (await Items.GetTitlesAsync(["item-1", "item-2"], CancellationToken.None))["item-1"]);

        var item = (await Items.GetAsync("item-1", CancellationToken.None))!;
        var stale = (await Items.GetAsync("item-1", CancellationToken.None))!;
        item.Title = "Vaksinasi gratis, jadwal baru";
        Assert.True(await Get<IStateChanges>().CommitAsync(new StateChange().Update(item), CancellationToken.None));
        stale.Title = "Judul yang kalah";
        Assert.False(await Get<IStateChanges>().CommitAsync(new StateChange().Update(stale), CancellationToken.None));

        var titles = await Items.GetTitlesAsync(["item-1", "item-2", "missing"], CancellationToken.None);
        Assert.Equal("Vaksinasi gratis, jadwal baru", titles["item-1"]);
        Assert.Equal("Vaksinasi gratis", titles["item-2"]);
        Assert.False(titles.ContainsKey("missing"));
    }

    [Fact]
    public async Task Titles_read_while_their_items_change_end_as_the_store_has_them()
    {
        var ids = Enumerable.Range(0, 4).Select(i => $"item-{i}").ToList();
        foreach (var id in ids)
        {
            await Items.AddAsync(Populated.Item(id), CancellationToken.None);
        }

        // One writer retitles each item five times while two readers read every title over and over (the rule that keeps
        // a read overlapping a change out of the cache is proven step by step in ItemTitleCacheTests).
        using var done = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await Items.GetTitlesAsync(ids, CancellationToken.None);
            }
        })).ToList();
        for (var round = 1; round <= 5; round++)
        {
            foreach (var id in ids)
            {
                var item = (await Items.GetAsync(id, CancellationToken.None))!;
                item.Title = $"{id} judul ke-{round}";
                Assert.True(await Get<IStateChanges>().CommitAsync(new StateChange().Update(item), CancellationToken.None));
            }
        }

        await done.CancelAsync();
        await Task.WhenAll(readers);
        var titles = await Items.GetTitlesAsync(ids, CancellationToken.None);
        Assert.All(ids, id => Assert.Equal($"{id} judul ke-5", titles[id]));
    }

    [Fact]
    public async Task The_published_items_are_those_that_reached_a_channel_latest_first_of_one_opd_or_all_up_to_the_limit()
    {
        var entries = new (string Id, ItemStatus Status, string Opd, int? PublishedMinute)[]
        {
            ("old", ItemStatus.Published, "dinkes", 1),
            ("new", ItemStatus.Published, "dinkes", 30),
            ("partly", ItemStatus.Approved, "dinkes", 20),
            ("failed-after-one", ItemStatus.Failed, "dishub", 10),
            ("approved-only", ItemStatus.Approved, "dinkes", null),
            ("submitted", ItemStatus.Submitted, "dinkes", null),
            ("rejected", ItemStatus.Rejected, "dinkes", 40),
        };
        foreach (var (id, status, opd, minute) in entries)
        {
            var item = Populated.Item(id, status, opd);
            item.FirstPublishedAt = minute is { } m ? Populated.At.AddMinutes(m) : null;
            await Items.AddAsync(item, CancellationToken.None);
        }

        Assert.Equal(["new", "partly", "failed-after-one", "old"], (await Items.ListPublishedAsync(null, 10, CancellationToken.None)).Select(i => i.Id));
        Assert.Equal(["new", "partly"], (await Items.ListPublishedAsync(null, 2, CancellationToken.None)).Select(i => i.Id));
        Assert.Equal(["new", "partly", "old"], (await Items.ListPublishedAsync("dinkes", 10, CancellationToken.None)).Select(i => i.Id));
        Assert.Empty(await Items.ListPublishedAsync("Dinkes", 10, CancellationToken.None));
    }

    [Fact]
    public async Task An_item_is_found_only_by_its_exact_id()
    {
        await Items.AddAsync(Populated.Item("Item-Ab1"), CancellationToken.None);

        Assert.NotNull(await Items.GetAsync("Item-Ab1", CancellationToken.None));
        Assert.Null(await Items.GetAsync("item-ab1", CancellationToken.None));
        Assert.Null(await Items.GetAsync("ITEM-AB1", CancellationToken.None));
        Assert.Null(await Items.GetAsync("Item-Ab", CancellationToken.None));
    }

    [Fact]
    public async Task Adding_an_item_whose_id_is_stored_is_refused_as_a_duplicate_and_the_first_stays()
    {
        await Items.AddAsync(Populated.Item("item-1"), CancellationToken.None);
        var second = Populated.Item("item-1");
        second.Title = "Another";

        await Assert.ThrowsAsync<DuplicateKeyException>(() => Items.AddAsync(second, CancellationToken.None));

        Assert.Equal("Vaksinasi gratis", (await Items.GetAsync("item-1", CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task Items_created_in_a_period_are_read_a_page_at_a_time_in_creation_order_from_inclusive_to_exclusive()
    {
        var t = Populated.At;
        foreach (var (id, minutes) in new[] { ("e", 0), ("a", 1), ("d", 2), ("c", 2), ("b", 4), ("f", 5), ("g", -1) })
        {
            await Items.AddAsync(Populated.Item(id, createdAt: t.AddMinutes(minutes)), CancellationToken.None);
        }

        var first = await Items.ListCreatedAsync(t, t.AddMinutes(5), null, 2, CancellationToken.None);
        var second = await Items.ListCreatedAsync(t, t.AddMinutes(5), Cursor(first[^1]), 2, CancellationToken.None);
        var third = await Items.ListCreatedAsync(t, t.AddMinutes(5), Cursor(second[^1]), 2, CancellationToken.None);

        // Two items made at the same moment (c, d) are in id order, and a page boundary between them holds.
        Assert.Equal(["e", "a"], Ids(first));
        Assert.Equal(["c", "d"], Ids(second));
        Assert.Equal(["b"], Ids(third));
        Assert.Empty(await Items.ListCreatedAsync(t, t.AddMinutes(5), Cursor(third[^1]), 2, CancellationToken.None));
        Assert.Equal(["d", "b"], Ids(await Items.ListCreatedAsync(t, t.AddMinutes(5), Cursor(second[0]), 2, CancellationToken.None)));
        PropertyAssert.Same(Populated.Item("a", createdAt: t.AddMinutes(1)), first[1]);

        static PageCursor Cursor(Item item) => new(item.CreatedAt, item.Id);
    }

    [Fact]
    public async Task Items_are_listed_by_status_and_opd_newest_first()
    {
        await Items.AddAsync(Populated.Item("a", ItemStatus.Submitted, "dinkes", Populated.At), CancellationToken.None);
        await Items.AddAsync(Populated.Item("b", ItemStatus.Approved, "dinkes", Populated.At.AddMinutes(2)), CancellationToken.None);
        await Items.AddAsync(Populated.Item("c", ItemStatus.Approved, "dishub", Populated.At.AddMinutes(1)), CancellationToken.None);
        await Items.AddAsync(Populated.Item("d", ItemStatus.Submitted, "dishub", Populated.At.AddMinutes(3)), CancellationToken.None);

        Assert.Equal(["d", "b", "c", "a"], Ids(await Items.ListAsync(null, null, CancellationToken.None)));
        Assert.Equal(["b", "c"], Ids(await Items.ListAsync(ItemStatus.Approved, null, CancellationToken.None)));
        Assert.Equal(["d", "c"], Ids(await Items.ListAsync(null, "dishub", CancellationToken.None)));
        Assert.Equal(["a"], Ids(await Items.ListAsync(ItemStatus.Submitted, "dinkes", CancellationToken.None)));
        Assert.Empty(await Items.ListAsync(null, "DINKES", CancellationToken.None));
    }

    [Fact]
    public async Task Live_and_approved_items_stream_in_id_order_across_many_pages_with_their_account_counts()
    {
        var statuses = Enum.GetValues<ItemStatus>();
        var all = Enumerable.Range(0, 1_300)
            .Select(i => Populated.Item($"item-{i:D5}", statuses[i % statuses.Length], accounts: 1 + (i % 4)))
            .ToList();
        var insert = new StateChange();
        all.ForEach(i => insert.Insert(i));
        Assert.True(await Get<IStateChanges>().CommitAsync(insert, CancellationToken.None));

        var live = await ToListAsync(Items.ListLiveAsync(CancellationToken.None));
        var approved = await ToListAsync(Items.ListApprovedAsync(CancellationToken.None));

        var expectedLive = all.Where(i => i.Status is ItemStatus.Approved or ItemStatus.Published or ItemStatus.Failed)
            .Select(i => new ApprovedItem(i.Id, i.AccountIds.Count, i.Status)).ToList();
        Assert.Equal(expectedLive, live);
        Assert.Equal(expectedLive.Where(i => i.Status == ItemStatus.Approved), approved);
    }

    [Fact]
    public async Task Deadline_candidates_are_the_unwarned_items_on_their_way_whose_event_ended_in_the_window()
    {
        var t = Populated.At;
        Item Ended(string id, ItemStatus status, TimeSpan ago, bool warned = false)
        {
            var item = Populated.Item(id, status);
            item.EventEndedAt = t - ago;
            item.DeadlineWarnedAt = warned ? t : null;
            return item;
        }

        var insert = new StateChange()
            .Insert(Ended("submitted", ItemStatus.Submitted, TimeSpan.FromMinutes(100)))
            .Insert(Ended("sent-back", ItemStatus.SentBack, TimeSpan.FromMinutes(91)))
            .Insert(Ended("approved", ItemStatus.Approved, TimeSpan.FromMinutes(119)))
            .Insert(Ended("failed", ItemStatus.Failed, TimeSpan.FromMinutes(90)))
            .Insert(Ended("published", ItemStatus.Published, TimeSpan.FromMinutes(100)))
            .Insert(Ended("rejected", ItemStatus.Rejected, TimeSpan.FromMinutes(100)))
            .Insert(Ended("warned", ItemStatus.Approved, TimeSpan.FromMinutes(100), warned: true))
            .Insert(Ended("too-early", ItemStatus.Approved, TimeSpan.FromMinutes(89)))
            .Insert(Ended("past-deadline", ItemStatus.Approved, TimeSpan.FromMinutes(120)));
        var undated = Populated.Item("undated", ItemStatus.Approved);
        undated.EventEndedAt = null;
        undated.DeadlineWarnedAt = null;
        Assert.True(await Get<IStateChanges>().CommitAsync(insert.Insert(undated), CancellationToken.None));

        var found = await Items.ListDeadlineCandidatesAsync(t - TimeSpan.FromHours(2), t - TimeSpan.FromMinutes(90), CancellationToken.None);

        Assert.Equal(["approved", "failed", "sent-back", "submitted"], Ids(found).Order(StringComparer.Ordinal));
    }

    private static string[] Ids(IEnumerable<Item> items) => [.. items.Select(i => i.Id)];

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var element in source)
        {
            list.Add(element);
        }

        return list;
    }
}

public sealed class ItemStoreOnLiteDb : ItemStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class ItemStoreOnPostgreSql : ItemStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
