using Broker.Dispatch;
using Broker.Intake;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

/// <summary>
/// The archive (<see cref="IArchiveStore"/>): finished work moves with all its deliveries and nothing else does; the
/// working lists, recovery's and scheduling's reads no longer see it, a look-up by id still does; two archivers at once
/// move each item once.
/// </summary>
public abstract class ArchiveStoreContract : StoreContract
{
    // Populated items were last changed a minute after Populated.At, their deliveries a second after it.
    private static readonly DateTimeOffset Cutoff = Populated.At.AddDays(1);

    private IArchiveStore Archive => Get<IArchiveStore>();

    private IItemStore Items => Get<IItemStore>();

    private IDeliveryStore Deliveries => Get<IDeliveryStore>();

    /// <summary>Every archived item (the contract's items were all made within a day of <see cref="Populated.At"/>).</summary>
    private Task<IReadOnlyList<Item>> ArchivedItemsAsync() =>
        Archive.ListCreatedAsync(Populated.At.AddDays(-1), Cutoff, null, 1_000, CancellationToken.None);

    /// <summary>Every archived delivery, whatever its status (all were due within a day of <see cref="Populated.At"/>).</summary>
    private async Task<IReadOnlyList<DeliveryRow>> ArchivedDeliveriesAsync() =>
        (await Archive.ListRowsAsync(new DeliveryListQuery(Enum.GetValues<DeliveryStatus>(), From: Populated.At.AddDays(-1), To: Cutoff), null, 1_000, CancellationToken.None)).Rows;

    [Fact]
    public async Task Finished_work_moves_with_its_deliveries_and_is_still_found_by_id_but_by_no_working_list()
    {
        await AddAsync(Populated.Item("done", ItemStatus.Published), ("done-fb", DeliveryStatus.Published), ("done-x", DeliveryStatus.Failed));
        await AddAsync(Populated.Item("rejected", ItemStatus.Rejected));
        await AddAsync(Populated.Item("retracted", ItemStatus.Retracted), ("retracted-fb", DeliveryStatus.Removed), ("retracted-x", DeliveryStatus.Cancelled));
        await AddAsync(Populated.Item("held", ItemStatus.Published), ("held-fb", DeliveryStatus.Published), ("held-x", DeliveryStatus.Held));
        await AddAsync(Populated.Item("manual", ItemStatus.Retracted), ("manual-fb", DeliveryStatus.ManualRemovalNeeded));
        await AddAsync(Populated.Item("pending", ItemStatus.Failed), ("pending-fb", DeliveryStatus.Failed), ("pending-x", DeliveryStatus.Retrying));
        await AddAsync(Populated.Item("approved", ItemStatus.Approved), ("approved-fb", DeliveryStatus.Scheduled));
        await AddAsync(Populated.Item("review", ItemStatus.Submitted));
        var recent = Populated.Item("recent", ItemStatus.Published);
        recent.UpdatedAt = Cutoff.AddSeconds(1);
        await AddAsync(recent, ("recent-fb", DeliveryStatus.Published));
        var lateDelivery = Populated.Delivery("late-fb", "late", status: DeliveryStatus.Published);
        lateDelivery.UpdatedAt = Cutoff;
        await Items.AddAsync(Populated.Item("late", ItemStatus.Published), CancellationToken.None);
        await Deliveries.AddManyAsync([lateDelivery], CancellationToken.None);

        var (items, deliveries) = await ArchiveAllAsync(Archive, limit: 2);

        Assert.Equal((3, 4), (items, deliveries));
        string[] archived = ["done", "rejected", "retracted"];
        Assert.Equal(archived, (await ArchivedItemsAsync()).Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(archived, (await Archive.ListCreatedAsync(Populated.At, Cutoff, null, 10, CancellationToken.None)).Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["done-fb", "done-x", "retracted-fb", "retracted-x"], (await ArchivedDeliveriesAsync()).Select(d => d.Id).Order(StringComparer.Ordinal));
        var due = new DeliveryListQuery([DeliveryStatus.Published, DeliveryStatus.Removed], From: Populated.At, To: Populated.At.AddMinutes(6));
        var first = await Archive.ListRowsAsync(due, null, 1, CancellationToken.None);
        var second = await Archive.ListRowsAsync(due, first.Next, 1, CancellationToken.None);
        Assert.Equal(["done-fb", "retracted-fb"], first.Rows.Concat(second.Rows).Select(d => d.Id));
        Assert.Null(second.Next);
        Assert.Empty((await Archive.ListRowsAsync(due with { AccountIds = ["acc-2"] }, null, 10, CancellationToken.None)).Rows);
        Assert.Equal(DeliveryStatus.Removed, second.Rows.Single().Status);
        Assert.Empty((await Archive.ListRowsAsync(new DeliveryListQuery([DeliveryStatus.Published], From: Populated.At.AddMinutes(6), To: Cutoff), null, 10, CancellationToken.None)).Rows);

        // Still found by id, whole, with its deliveries (an item's page, the API, the records export).
        var done = await Items.GetAsync("done", CancellationToken.None);
        PropertyAssert.Same(Populated.Item("done", ItemStatus.Published), done!);
        PropertyAssert.Same(Populated.Delivery("done-fb", "done", status: DeliveryStatus.Published), (await Deliveries.GetAsync("done-fb", CancellationToken.None))!);
        Assert.Equal(["done", "held"], (await Items.GetTitlesAsync(["done", "held", "gone"], CancellationToken.None)).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["done-fb", "done-x"], (await Deliveries.ListByItemAsync("done", CancellationToken.None)).Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["done-fb", "done-x", "held-fb", "held-x"],
            (await Deliveries.ListByItemsAsync(["done", "held", "review"], CancellationToken.None)).Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["done", "done", "held", "held"],
            (await Deliveries.ListStatusesByItemsAsync(["done", "held", "review"], CancellationToken.None)).Select(d => d.ItemId).Order(StringComparer.Ordinal));
        // As a page of items (all made at the same time, so the span of their creation times holds every working delivery):
        // the archived item is looked for in the archive, being of a finished status.
        List<Item> shown = [];
        foreach (var id in new[] { "done", "held", "review" })
        {
            shown.Add((await Items.GetAsync(id, CancellationToken.None))!);
        }

        var span = ItemSpan.Of(shown);
        Assert.Equal(["done", "held"], span.Archivable!.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["done-fb", "done-x", "held-fb", "held-x"],
            (await Deliveries.ListByItemsAsync(span, CancellationToken.None)).Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["done", "done", "held", "held"],
            (await Deliveries.ListStatusesByItemsAsync(span, CancellationToken.None)).Select(d => d.ItemId).Order(StringComparer.Ordinal));

        // Never by what recovery, scheduling and the working lists read.
        var working = (await Items.ListAsync(null, null, CancellationToken.None)).Select(i => i.Id).ToList();
        Assert.Equal(["approved", "held", "late", "manual", "pending", "recent", "review"], working.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await ToListAsync(Items.ListLiveAsync(CancellationToken.None)), i => archived.Contains(i.Id));
        Assert.Equal(["approved-fb", "pending-x"], (await ToListAsync(Deliveries.ListPendingAsync(CancellationToken.None))).Select(d => d.Id).Order(StringComparer.Ordinal));
        var all = await Deliveries.ListByStatusAsync(Enum.GetValues<DeliveryStatus>(), CancellationToken.None);
        Assert.DoesNotContain(all, d => d.ItemId is "done" or "retracted");
        var page = await Deliveries.ListPageAsync(new DeliveryListQuery(Enum.GetValues<DeliveryStatus>()), null, 50, CancellationToken.None);
        Assert.DoesNotContain(page.Rows, d => d.ItemId is "done" or "retracted");

        // A second round finds nothing more to move.
        Assert.Equal((0, 0), await ArchiveAllAsync(Archive, limit: 2));
    }

    [Fact]
    public async Task Two_archivers_at_once_move_each_finished_item_once_and_lose_none()
    {
        const int Count = 60;
        await Items.AddAsync(Populated.Item("live", ItemStatus.Approved), CancellationToken.None);
        for (var i = 0; i < Count; i++)
        {
            var item = Populated.Item($"i{i:D3}", ItemStatus.Published, createdAt: Populated.At.AddSeconds(-i % 7));
            await AddAsync(item, ($"d{i:D3}", DeliveryStatus.Published));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 2).Select(async _ =>
        {
            await start.Task;
            return await ArchiveAllAsync(Archive, limit: 10);
        }).ToList();
        start.SetResult();
        var moved = await Task.WhenAll(racers);

        Assert.Equal((Count, Count), (moved.Sum(m => m.Items), moved.Sum(m => m.Deliveries)));
        var archived = await ArchivedItemsAsync();
        Assert.Equal(Count, archived.Select(i => i.Id).Distinct().Count());
        Assert.Equal(Count, archived.Count);
        Assert.Equal(Count, (await ArchivedDeliveriesAsync()).Count);
        Assert.Equal(["live"], (await Items.ListAsync(null, null, CancellationToken.None)).Select(i => i.Id));
    }

    [Fact]
    public async Task An_archived_item_is_restored_whole_with_its_deliveries_once_when_two_ask_at_once()
    {
        await AddAsync(Populated.Item("done", ItemStatus.Published), ("done-fb", DeliveryStatus.Published), ("done-x", DeliveryStatus.Failed));
        await AddAsync(Populated.Item("other", ItemStatus.Published), ("other-fb", DeliveryStatus.Published));
        Assert.Equal((2, 3), await ArchiveAllAsync(Archive, limit: 10));
        var archived = await Items.GetAsync("done", CancellationToken.None);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 2).Select(async _ =>
        {
            await start.Task;
            return await Archive.RestoreAsync("done", CancellationToken.None);
        }).ToList();
        start.SetResult();
        var restored = await Task.WhenAll(racers);

        Assert.Equal(1, restored.Count(r => r));
        Assert.False(await Archive.RestoreAsync("never-archived", CancellationToken.None));
        Assert.Equal(["done"], (await Items.ListAsync(null, null, CancellationToken.None)).Select(i => i.Id));
        Assert.Equal(["other"], (await ArchivedItemsAsync()).Select(i => i.Id));
        Assert.Equal(["other-fb"], (await ArchivedDeliveriesAsync()).Select(d => d.Id));
        var working = await Deliveries.ListByStatusAsync(Enum.GetValues<DeliveryStatus>(), CancellationToken.None);
        Assert.Equal(["done-fb", "done-x"], working.Select(d => d.Id).Order(StringComparer.Ordinal));

        // Unchanged, at the same version: a change made on what was read before the restore commits.
        var item = (await Items.GetAsync("done", CancellationToken.None))!;
        PropertyAssert.Same(archived!, item);
        item.Status = ItemStatus.Retracted;
        Assert.True(await Get<IStateChanges>().CommitAsync(new StateChange().Update(item), CancellationToken.None));
        Assert.Equal(ItemStatus.Retracted, (await Items.GetAsync("done", CancellationToken.None))!.Status);
    }

    private async Task AddAsync(Item item, params (string Id, DeliveryStatus Status)[] deliveries)
    {
        await Items.AddAsync(item, CancellationToken.None);
        if (deliveries.Length > 0)
        {
            await Deliveries.AddManyAsync([.. deliveries.Select(d => Populated.Delivery(d.Id, item.Id, status: d.Status))], CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_archived_item_restored_while_it_is_being_read_is_found_by_every_read()
    {
        // Two editors retracting an archived item at once: one restores it while the other looks it up. Every look-up
        // finds the item and its delivery, before, during and after the move.
        for (var i = 0; i < 20; i++)
        {
            await AddAsync(Populated.Item($"old-{i:D2}", ItemStatus.Published), ($"old-{i:D2}-fb", DeliveryStatus.Published));
        }

        Assert.Equal((20, 20), await ArchiveAllAsync(Archive, limit: 50));
        for (var i = 0; i < 20; i++)
        {
            var id = $"old-{i:D2}";
            var misses = new List<string>();
            var restoring = Task.Run(() => Archive.RestoreAsync(id, CancellationToken.None));
            do
            {
                if (await Items.GetAsync(id, CancellationToken.None) is null)
                {
                    misses.Add("the item");
                }

                if (await Deliveries.GetAsync(id + "-fb", CancellationToken.None) is null)
                {
                    misses.Add("its delivery");
                }

                if ((await Deliveries.ListByItemAsync(id, CancellationToken.None)).Count != 1)
                {
                    misses.Add("the item's deliveries");
                }
            }
            while (!restoring.IsCompleted);

            Assert.True(await restoring, $"{id} restored");
            Assert.True(misses.Count == 0, $"{id} missed by {misses.Count} reads: {string.Join(", ", misses.Distinct())}");
        }
    }

    private static async Task<(int Items, int Deliveries)> ArchiveAllAsync(IArchiveStore archive, int limit)
    {
        int items = 0, deliveries = 0;
        PageCursor? after = null;
        do
        {
            var batch = await archive.ArchiveAsync(Cutoff, after, limit, CancellationToken.None);
            Assert.True(batch.Items <= limit);
            (items, deliveries, after) = (items + batch.Items, deliveries + batch.Deliveries, batch.Next);
        }
        while (after is not null);

        return (items, deliveries);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows)
    {
        var list = new List<T>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }
}

public sealed class ArchiveStoreOnLiteDb : ArchiveStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class ArchiveStoreOnPostgreSql : ArchiveStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
