using Broker.Intake;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class ItemPagingContract : StoreContract
{
    private IItemStore Items => Get<IItemStore>();

    [Fact]
    public async Task Items_are_paged_newest_first_in_time_then_id_order_and_the_last_page_says_there_is_no_next()
    {
        var t = Populated.At;
        // Three at one instant: pages must cut through them and resume by id.
        await AddAsync(("a", t), ("b", t.AddMinutes(1)), ("c", t.AddMinutes(2)), ("d", t.AddMinutes(2)), ("e", t.AddMinutes(2)), ("f", t.AddMinutes(3)), ("g", t.AddMinutes(-1)));

        var (ids, pages) = await WalkAsync(new ItemListQuery(), 2);

        Assert.Equal(["f", "e", "d", "c", "b", "a", "g"], ids);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task Items_are_paged_oldest_first_when_asked()
    {
        var t = Populated.At;
        await AddAsync(("a", t), ("b", t), ("c", t.AddMinutes(-1)), ("d", t.AddMinutes(1)));

        Assert.Equal(["c", "a", "b", "d"], (await WalkAsync(new ItemListQuery(OldestFirst: true), 3)).Ids);
    }

    [Fact]
    public async Task A_page_holds_only_the_items_of_its_status_opd_and_submitter()
    {
        var t = Populated.At;
        var rows = new (string Id, ItemStatus Status, string Opd, string Submitter)[]
        {
            ("s1", ItemStatus.Submitted, "dinkes", "r1"),
            ("s2", ItemStatus.Submitted, "dishub", "r1"),
            ("s3", ItemStatus.Submitted, "dinkes", "r2"),
            ("p1", ItemStatus.Published, "dinkes", "r1"),
        };
        for (var i = 0; i < rows.Length; i++)
        {
            var item = Populated.Item(rows[i].Id, rows[i].Status, rows[i].Opd, t.AddMinutes(i));
            item.SubmittedBy = rows[i].Submitter;
            await Items.AddAsync(item, CancellationToken.None);
        }

        Assert.Equal(["s3", "s2", "s1"], (await WalkAsync(new ItemListQuery(ItemStatus.Submitted), 2)).Ids);
        Assert.Equal(["s3", "s1"], (await WalkAsync(new ItemListQuery(ItemStatus.Submitted, "dinkes"), 1)).Ids);
        Assert.Equal(["p1", "s2", "s1"], (await WalkAsync(new ItemListQuery(SubmittedBy: "r1"), 5)).Ids);
        Assert.Equal(["p1"], (await WalkAsync(new ItemListQuery(ItemStatus.Published, "dinkes", "r1"), 5)).Ids);
        Assert.Empty((await WalkAsync(new ItemListQuery(Opd: "Dinkes"), 5)).Ids);
    }

    [Fact]
    public async Task A_cursor_survives_inserts_on_both_sides_of_it_without_repeating_or_skipping_a_row()
    {
        var t = Populated.At;
        await AddAsync(("a", t), ("b", t.AddMinutes(1)), ("c", t.AddMinutes(2)), ("d", t.AddMinutes(3)));
        var first = await Items.ListPageAsync(new ItemListQuery(), null, 2, CancellationToken.None);
        Assert.Equal(["d", "c"], first.Rows.Select(i => i.Id));

        // Newer than the page read (not in the rest), older than it (in the rest), and one at the cursor's own time.
        await AddAsync(("z-newest", t.AddMinutes(9)), ("0-oldest", t.AddMinutes(-9)), ("b2", t.AddMinutes(2)), ("c0", t.AddMinutes(2)));
        var rest = new List<string>();
        for (var cursor = first.Next; cursor is not null;)
        {
            var page = await Items.ListPageAsync(new ItemListQuery(), cursor, 2, CancellationToken.None);
            rest.AddRange(page.Rows.Select(i => i.Id));
            cursor = page.Next;
        }

        Assert.Equal(["b2", "b", "a", "0-oldest"], rest);
    }

    [Fact]
    public async Task The_review_queue_pages_oldest_first_through_ties_and_its_cursor_survives_inserts_on_both_sides()
    {
        var t = Populated.At;
        async Task SubmitAsync(string id, DateTimeOffset at) => await Items.AddAsync(Populated.Item(id, ItemStatus.Submitted, createdAt: at), CancellationToken.None);
        foreach (var (id, minute) in new[] { ("c", 1), ("a", 1), ("b", 1), ("d", 2), ("e", 3) })
        {
            await SubmitAsync(id, t.AddMinutes(minute));
        }

        await Items.AddAsync(Populated.Item("p", ItemStatus.Published, createdAt: t.AddMinutes(2)), CancellationToken.None);
        var queue = new ItemListQuery(ItemStatus.Submitted, OldestFirst: true);
        var first = await Items.ListSummariesAsync(queue, null, 2, CancellationToken.None);
        Assert.Equal(["a", "b"], first.Rows.Select(i => i.Id));

        // Older than the cursor (not in the rest), at its time before and after its id, and newer than the rest.
        await SubmitAsync("0-old", t);
        await SubmitAsync("a0", t.AddMinutes(1));
        await SubmitAsync("bb", t.AddMinutes(1));
        await SubmitAsync("z-new", t.AddMinutes(9));
        var rest = new List<string>();
        for (var cursor = first.Next; cursor is not null;)
        {
            var page = await Items.ListSummariesAsync(queue, cursor, 2, CancellationToken.None);
            Assert.Equal(page.Rows.Select(i => i.Id), (await Items.ListPageAsync(queue, cursor, 2, CancellationToken.None)).Rows.Select(i => i.Id));
            rest.AddRange(page.Rows.Select(i => i.Id));
            cursor = page.Next;
        }

        Assert.Equal(["bb", "c", "d", "e", "z-new"], rest);
        Assert.Equal(["z-new", "e", "d", "c", "bb", "b", "a0", "a", "0-old"], (await WalkAsync(new ItemListQuery(ItemStatus.Submitted), 4)).Ids);
    }

    [Fact]
    public async Task A_cursor_made_by_the_store_reads_back_from_its_opaque_form()
    {
        await AddAsync(("a", Populated.At), ("b", Populated.At.AddTicks(1234567)));
        var first = await Items.ListPageAsync(new ItemListQuery(), null, 1, CancellationToken.None);

        Assert.True(PageCursor.TryParse(first.Next!.Value.Encode(), out var cursor));
        var second = await Items.ListPageAsync(new ItemListQuery(), cursor, 1, CancellationToken.None);

        Assert.Equal(["b", "a"], first.Rows.Concat(second.Rows).Select(i => i.Id));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task The_items_open_for_sharing_at_a_time_are_read_latest_shared_first_without_the_unshared_retracted_or_ended()
    {
        var t = Populated.At;
        var now = t.AddHours(1);
        var rows = new (string Id, int? SharedMinute, bool Retracted, TimeSpan? EndsAfterNow)[]
        {
            ("a", 1, false, null), ("b", 3, false, TimeSpan.FromDays(2)), ("c", 2, true, null), ("d", null, false, null), ("e", 3, false, TimeSpan.FromMilliseconds(1)),
            ("f", 0, false, TimeSpan.FromMinutes(5)), ("g", 4, false, TimeSpan.Zero), ("h", 5, false, TimeSpan.FromMinutes(-1)), ("i", 2, true, TimeSpan.FromDays(1)),
        };
        var added = new Dictionary<string, Item>();
        foreach (var (id, minute, retracted, endsAfterNow) in rows)
        {
            var item = Populated.Item(id);
            item.SharedAt = minute is { } m ? t.AddMinutes(m) : null;
            item.RetractedAt = retracted ? t : null;
            item.ShareUntil = endsAfterNow is { } end ? now + end : null;
            await Items.AddAsync(item, CancellationToken.None);
            added[id] = item;
        }

        // Ties of the time are read by id, descending; an end at the very time read is past; b's end is within a day.
        Assert.Equal(["e", "b", "a", "f"], (await Items.ListOpenAsync(now, 10, CancellationToken.None)).Select(i => i.Id));
        Assert.Equal(["e", "b"], (await Items.ListOpenAsync(now, 2, CancellationToken.None)).Select(i => i.Id));
        Assert.Equal(["b", "a"], (await Items.ListOpenAsync(now.AddDays(1), 10, CancellationToken.None)).Select(i => i.Id));
        Assert.Equal(["h", "g", "e", "b", "a", "f"], (await Items.ListOpenAsync(now.AddMinutes(-2), 10, CancellationToken.None)).Select(i => i.Id));
        PropertyAssert.Same(added["b"], (await Items.ListOpenAsync(now, 10, CancellationToken.None))[1]);
    }

    [Fact]
    public async Task An_item_opened_closed_or_retracted_through_a_state_change_is_read_as_open_or_not_at_once()
    {
        var t = Populated.At;
        var item = Populated.Item("x");
        (item.SharedAt, item.ShareUntil, item.RetractedAt) = (null, null, null);
        await Items.AddAsync(item, CancellationToken.None);
        Assert.Empty(await Items.ListOpenAsync(t, 10, CancellationToken.None));

        async Task ChangeAsync(Action<Item> change)
        {
            var stored = (await Items.GetAsync("x", CancellationToken.None))!;
            change(stored);
            Assert.True(await Get<IStateChanges>().CommitAsync(new StateChange().Update(stored), CancellationToken.None));
        }

        await ChangeAsync(i => (i.SharedAt, i.ShareUntil) = (t, t.AddDays(1)));
        Assert.Equal(["x"], (await Items.ListOpenAsync(t, 10, CancellationToken.None)).Select(i => i.Id));
        Assert.Empty(await Items.ListOpenAsync(t.AddDays(1), 10, CancellationToken.None));

        await ChangeAsync(i => i.ShareUntil = null);
        Assert.Equal(["x"], (await Items.ListOpenAsync(t.AddYears(50), 10, CancellationToken.None)).Select(i => i.Id));

        await ChangeAsync(i => i.RetractedAt = t);
        Assert.Empty(await Items.ListOpenAsync(t, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Summaries_are_the_pages_of_the_same_items_with_the_fields_a_list_shows()
    {
        var t = Populated.At;
        var rows = new (string Id, ItemStatus Status, string Opd, int Minute)[]
        {
            ("s1", ItemStatus.Submitted, "dinkes", 0), ("s2", ItemStatus.Submitted, "dishub", 1), ("p1", ItemStatus.Published, "dinkes", 2),
            ("s3", ItemStatus.Submitted, "dinkes", 2), ("s4", ItemStatus.Submitted, "dinkes", 3),
        };
        foreach (var (id, status, opd, minute) in rows)
        {
            var item = Populated.Item(id, status, opd, t.AddMinutes(minute), accounts: minute + 1);
            item.EventEndedAt = id == "s2" ? null : item.EventEndedAt;
            item.SubmittedBy = id == "s3" ? null : item.SubmittedBy;
            item.MediaIds = id == "s4" ? [] : item.MediaIds;
            item.ReviewComment = id == "s1" ? null : item.ReviewComment;
            await Items.AddAsync(item, CancellationToken.None);
        }

        foreach (var query in new[] { new ItemListQuery(ItemStatus.Submitted, OldestFirst: true), new ItemListQuery(Opd: "dinkes"), new ItemListQuery() })
        {
            var (summaries, items) = (new List<ItemSummary>(), new List<Item>());
            PageCursor? cursor = null;
            do
            {
                var page = await Items.ListSummariesAsync(query, cursor, 2, CancellationToken.None);
                Assert.Equal((await Items.ListPageAsync(query, cursor, 2, CancellationToken.None)).Next, page.Next);
                summaries.AddRange(page.Rows);
                items.AddRange((await Items.ListPageAsync(query, cursor, 2, CancellationToken.None)).Rows);
                cursor = page.Next;
            }
            while (cursor is not null);

            Assert.Equal(items.Select(i => i.Id), summaries.Select(s => s.Id));
            Assert.All(items.Zip(summaries), pair =>
            {
                var (item, summary) = pair;
                Assert.Equal(
                    (item.Title, item.Opd, item.SubmittedBy, item.Status, item.CreatedAt, item.EventEndedAt, item.MediaIds.Count),
                    (summary.Title, summary.Opd, summary.SubmittedBy, summary.Status, summary.CreatedAt, summary.EventEndedAt, summary.MediaCount));
                Assert.Equal(item.AccountIds, summary.AccountIds);
                Assert.Equal(item.ReviewComment, summary.ReviewComment);
            });
        }

        Assert.Equal(["s1", "s2", "s3", "s4"], (await Items.ListSummariesAsync(new ItemListQuery(ItemStatus.Submitted, OldestFirst: true), null, 10, CancellationToken.None)).Rows.Select(s => s.Id));
    }

    [Fact]
    public async Task Titles_are_read_for_the_ids_that_exist_and_only_those()
    {
        await AddAsync(("a", Populated.At), ("b", Populated.At));

        var titles = await Items.GetTitlesAsync(["a", "b", "missing", "A"], CancellationToken.None);

        Assert.Equal(["a", "b"], titles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Vaksinasi gratis", titles["a"]);
    }

    private async Task AddAsync(params (string Id, DateTimeOffset CreatedAt)[] items)
    {
        foreach (var (id, createdAt) in items)
        {
            await Items.AddAsync(Populated.Item(id, createdAt: createdAt), CancellationToken.None);
        }
    }

    private async Task<(List<string> Ids, int Pages)> WalkAsync(ItemListQuery query, int limit)
    {
        var ids = new List<string>();
        var pages = 0;
        PageCursor? cursor = null;
        do
        {
            var page = await Items.ListPageAsync(query, cursor, limit, CancellationToken.None);
            Assert.True(page.Rows.Count <= limit);
            ids.AddRange(page.Rows.Select(i => i.Id));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null && pages < 100);

        return (ids, pages);
    }
}

public sealed class ItemPagingOnLiteDb : ItemPagingContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class ItemPagingOnPostgreSql : ItemPagingContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
