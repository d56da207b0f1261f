using Broker.Dispatch;
using Broker.Intake;
using Broker.Reports;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

/// <summary>
/// The daily figures (<see cref="IDailyFigureStore"/>): a committed change of a delivery marks its days dirty, a day
/// computed from its raw rows (working and archived) is clean with its figures, a day marked again meanwhile keeps its
/// mark and its old figures, and two nodes computing one day store it once.
/// </summary>
public abstract class DailyFigureStoreContract : StoreContract
{
    // Populated.At is 2026-03-14 10:26 in the default zone (Asia/Makassar); its deliveries are published 9 minutes later.
    private static readonly DateOnly Day = new(2026, 3, 14);

    private IDailyFigureStore Figures => Get<IDailyFigureStore>();

    private LocalDays Days => Get<LocalDays>();

    [Fact]
    public async Task A_committed_delivery_marks_its_days_and_its_computed_day_is_clean_with_the_figures_of_its_raw_rows()
    {
        var item = Populated.Item("it", ItemStatus.Published);
        var next = Populated.Delivery("d-next", "it", status: DeliveryStatus.Scheduled);
        next.ScheduledAt = Populated.At.AddDays(1);
        next.PublishedAt = null;
        Delivery[] deliveries =
        [
            Populated.Delivery("d-pub", "it", status: DeliveryStatus.Published),
            Populated.Delivery("d-fail", "it", "acc-2", DeliveryStatus.Failed),
            Populated.Delivery("d-gone", "it", "acc-2", DeliveryStatus.Removed),
            next,
        ];
        deliveries[1].PublishedAt = null;
        Assert.True(await Get<IStateChanges>().CommitAsync(new StateChange().Insert(item).Insert(deliveries), CancellationToken.None));

        // The deliveries' first-due and publication days, and the day the item's event ends (the two-hour rule's).
        var dirty = await Figures.ListDirtyAsync(10, CancellationToken.None);
        Assert.Equal([Day, Day.AddDays(1), Day.AddDays(2)], dirty.Select(d => d.Day));
        Assert.Empty(await Figures.ListCleanDaysAsync(Day, Day.AddDays(2), CancellationToken.None));

        Assert.True(await DailyFigureSweep.ComputeAsync(Figures, Days, dirty[0], CancellationToken.None));

        Assert.Equal([Day], await Figures.ListCleanDaysAsync(Day, Day.AddDays(2), CancellationToken.None));
        Assert.Equal([Day.AddDays(1), Day.AddDays(2)], (await Figures.ListDirtyAsync(10, CancellationToken.None)).Select(d => d.Day));
        var figures = (await Figures.ListAsync(Day, Day.AddDays(1), CancellationToken.None)).OrderBy(f => f.AccountId, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [new DailyFigure(Day, "acc-1", 1, 0, 0, 0, 0, 0, 1, Populated.At.AddMinutes(9)), new DailyFigure(Day, "acc-2", 0, 1, 0, 0, 0, 1, 0, null)],
            figures.Select(f => f with { LastPostAt = f.LastPostAt?.ToUniversalTime() }));
        Assert.Equal(
            Populated.At.AddMinutes(9),
            (await Figures.LastPostsBeforeAsync(["acc-1", "acc-2"], Day.AddDays(1), CancellationToken.None))["acc-1"]);
        Assert.Empty(await Figures.LastPostsBeforeAsync(["acc-1"], Day, CancellationToken.None));

        // The day's failed delivery is kept with its figures, with what the delivery-health report shows of it.
        var failed = deliveries[1];
        Assert.Equal(
            [new DailyProblem(Day, "d-fail", "it", "acc-2", failed.Platform, DeliveryStatus.Failed, failed.Error, failed.ErrorCode, failed.Attempts, failed.ScheduledAt, failed.UpdatedAt)],
            await Figures.ListProblemsAsync(Day, Day.AddDays(3), CancellationToken.None));
    }

    [Fact]
    public async Task A_days_problems_are_replaced_with_its_figures_and_read_by_day_range()
    {
        var first = new DateOnly(2026, 2, 1);
        await Figures.MarkDirtyAsync([first, first.AddDays(1), first.AddDays(2)], CancellationToken.None);
        DailyProblem Problem(DateOnly day, string id, DeliveryStatus status, string? error) =>
            new(day, id, "item-" + id, "acc-1", "x", status, error, error is null ? null : "deliveryReason.gaveUp", 3, Ten(day), Ten(day).AddMinutes(5));
        foreach (var day in await Figures.ListDirtyAsync(10, CancellationToken.None))
        {
            DailyProblem[] problems = day.Day == first.AddDays(1) ? [] : [Problem(day.Day, $"a{day.Day.Day}", DeliveryStatus.Failed, "Gagal"), Problem(day.Day, $"b{day.Day.Day}", DeliveryStatus.Held, null)];
            Assert.True(await Figures.ReplaceAsync(day, [], [], problems, CancellationToken.None));
        }

        Assert.Equal(["a1", "a3", "b1", "b3"], (await Figures.ListProblemsAsync(first, first.AddDays(3), CancellationToken.None)).Select(p => p.DeliveryId).Order(StringComparer.Ordinal));
        Assert.Equal(
            [Problem(first.AddDays(2), "a3", DeliveryStatus.Failed, "Gagal"), Problem(first.AddDays(2), "b3", DeliveryStatus.Held, null)],
            (await Figures.ListProblemsAsync(first.AddDays(1), first.AddDays(5), CancellationToken.None)).OrderBy(p => p.DeliveryId, StringComparer.Ordinal));

        // Computed again with none left (both retried and published): the day's rows go with the old figures.
        await Figures.MarkDirtyAsync([first], CancellationToken.None);
        Assert.True(await Figures.ReplaceAsync(Assert.Single(await Figures.ListDirtyAsync(10, CancellationToken.None)), [], [], [], CancellationToken.None));
        Assert.Empty(await Figures.ListProblemsAsync(first, first.AddDays(2), CancellationToken.None));

        // A day marked again while it was computed keeps its rows unwritten too.
        await Figures.MarkDirtyAsync([first], CancellationToken.None);
        var read = Assert.Single(await Figures.ListDirtyAsync(10, CancellationToken.None));
        await Figures.MarkDirtyAsync([first], CancellationToken.None);
        Assert.False(await Figures.ReplaceAsync(read, [], [], [Problem(first, "late", DeliveryStatus.Failed, "Gagal")], CancellationToken.None));
        Assert.Empty(await Figures.ListProblemsAsync(first, first.AddDays(1), CancellationToken.None));

        // A day when thousands failed (an outage) is kept whole, and computed again with fewer it keeps only those.
        var outage = first.AddDays(10);
        DailyProblem[] many = [.. Enumerable.Range(0, 2_500).Select(i => Problem(outage, $"o{i:D4}", DeliveryStatus.Failed, "Gagal " + new string('x', 200)))];
        await Figures.MarkDirtyAsync([outage], CancellationToken.None);
        Assert.True(await Figures.ReplaceAsync((await Figures.ListDirtyAsync(10, CancellationToken.None)).Single(d => d.Day == outage), [], [], many, CancellationToken.None));
        Assert.Equal(many.Select(p => p.DeliveryId), (await Figures.ListProblemsAsync(outage, outage.AddDays(1), CancellationToken.None)).Select(p => p.DeliveryId).Order(StringComparer.Ordinal));
        await Figures.MarkDirtyAsync([outage], CancellationToken.None);
        Assert.True(await Figures.ReplaceAsync((await Figures.ListDirtyAsync(10, CancellationToken.None)).Single(d => d.Day == outage), [], [], [many[7]], CancellationToken.None));
        Assert.Equal([many[7]], await Figures.ListProblemsAsync(outage.AddDays(-1), outage.AddDays(2), CancellationToken.None));

        static DateTimeOffset Ten(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
    }

    [Fact]
    public async Task An_accounts_last_post_before_a_day_is_on_its_latest_day_with_a_post_before_that_day()
    {
        var first = new DateOnly(2026, 1, 1);
        await Figures.MarkDirtyAsync([.. Enumerable.Range(0, 60).Select(first.AddDays)], CancellationToken.None);
        foreach (var day in await Figures.ListDirtyAsync(100, CancellationToken.None))
        {
            var n = day.Day.DayNumber - first.DayNumber;
            var at = Ten(day.Day);
            DailyFigure[] figures =
            [
                new(day.Day, "acc-1", 1, 0, 0, 0, 0, 0, n % 10 == 0 ? 1 : 0, n % 10 == 0 ? at : null), // a post every tenth day
                new(day.Day, "acc-10", 1, 0, 0, 0, 0, 0, 1, at), // every day; its id begins with the other's
            ];
            Assert.True(await Figures.ReplaceAsync(day, figures, [], [], CancellationToken.None));
        }

        var last = await Figures.LastPostsBeforeAsync(["acc-1", "acc-10", "acc-2"], first.AddDays(35), CancellationToken.None);
        Assert.Equal(Ten(first.AddDays(30)), last["acc-1"]);
        Assert.Equal(Ten(first.AddDays(34)), last["acc-10"]);
        Assert.False(last.ContainsKey("acc-2"));
        Assert.Equal(Ten(first), (await Figures.LastPostsBeforeAsync(["acc-1"], first.AddDays(10), CancellationToken.None))["acc-1"]);
        Assert.Equal(Ten(first.AddDays(59)), (await Figures.LastPostsBeforeAsync(["acc-10"], first.AddDays(400), CancellationToken.None))["acc-10"]);

        static DateTimeOffset Ten(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
    }

    [Fact]
    public async Task A_day_marked_again_while_it_was_computed_keeps_its_mark_and_its_figures_unwritten()
    {
        await Figures.MarkDirtyAsync([Day], CancellationToken.None);
        var read = Assert.Single(await Figures.ListDirtyAsync(10, CancellationToken.None));
        await Figures.MarkDirtyAsync([Day], CancellationToken.None);

        Assert.False(await Figures.ReplaceAsync(read, [new DailyFigure(Day, "acc-1", 1, 0, 0, 0, 0, 0, 1, Populated.At)], [], [], CancellationToken.None));

        Assert.Empty(await Figures.ListAsync(Day, Day.AddDays(1), CancellationToken.None));
        var again = Assert.Single(await Figures.ListDirtyAsync(10, CancellationToken.None));
        Assert.NotEqual(read.Stamp, again.Stamp);
        Assert.True(await Figures.ReplaceAsync(again, [], [], [], CancellationToken.None));
        Assert.Equal([Day], await Figures.ListCleanDaysAsync(Day, Day.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task Two_nodes_computing_the_same_day_at_once_store_it_once_with_the_same_figures()
    {
        await Get<IDeliveryStore>().AddManyAsync(
            [.. Enumerable.Range(0, 20).Select(i => Populated.Delivery($"d{i:D2}", "it", i % 2 == 0 ? "acc-1" : "acc-2", DeliveryStatus.Published))], CancellationToken.None);
        await Figures.MarkDirtyAsync([Day], CancellationToken.None);
        var day = Assert.Single(await Figures.ListDirtyAsync(10, CancellationToken.None));

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 2).Select(async _ =>
        {
            await start.Task;
            return await DailyFigureSweep.ComputeAsync(Figures, Days, day, CancellationToken.None);
        }).ToList();
        start.SetResult();
        var won = await Task.WhenAll(racers);

        Assert.Single(won, w => w);
        var figures = await Figures.ListAsync(Day, Day.AddDays(1), CancellationToken.None);
        Assert.Equal([("acc-1", 10, 10), ("acc-2", 10, 10)], figures.Select(f => (f.AccountId, f.Published, f.Posts)).Order());
        Assert.Empty(await Figures.ListDirtyAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task The_raw_reads_find_working_and_archived_deliveries_and_items_by_their_time_within_the_range_only()
    {
        var items = Get<IItemStore>();
        await items.AddAsync(Populated.Item("old", ItemStatus.Published), CancellationToken.None);
        await items.AddAsync(Populated.Item("live", ItemStatus.Approved), CancellationToken.None);
        var late = Populated.Delivery("late", "live", status: DeliveryStatus.Held);
        late.ScheduledAt = Populated.At.AddHours(3);
        late.PublishedAt = null;
        var earlier = Populated.Delivery("earlier", "live", status: DeliveryStatus.Published);
        earlier.ScheduledAt = Populated.At.AddDays(-3);
        earlier.RemotePostId = "789_012";
        await Get<IDeliveryStore>().AddManyAsync([Populated.Delivery("old-fb", "old", status: DeliveryStatus.Published), late, earlier], CancellationToken.None);
        await Get<IArchiveStore>().ArchiveAsync(Populated.At.AddDays(1), null, 10, CancellationToken.None);
        Assert.DoesNotContain(await Get<IDeliveryStore>().ListByStatusAsync([DeliveryStatus.Published], CancellationToken.None), d => d.Id == "old-fb");

        var firstDue = await Figures.ListFirstDueAsync(Populated.At, Populated.At.AddHours(3), null, CancellationToken.None);
        Assert.Equal(["old-fb"], firstDue.Select(d => d.Id));
        Assert.Equal(["late"], (await Figures.ListFirstDueAsync(Populated.At.AddDays(-4), Populated.At.AddDays(1), [DeliveryStatus.Held], CancellationToken.None)).Select(d => d.Id));

        // Of given statuses, every property as stored but the text and media, left out.
        var problem = Assert.Single(await Figures.ListFirstDueAsync(Populated.At, Populated.At.AddDays(1), [DeliveryStatus.Held, DeliveryStatus.Failed], CancellationToken.None));
        var whole = (await Get<IDeliveryStore>().GetAsync("late", CancellationToken.None))!;
        Assert.NotEmpty(whole.Text);
        Assert.NotEmpty(whole.MediaIds);
        whole.Text = string.Empty;
        whole.MediaIds = [];
        PropertyAssert.Same(whole, problem);
        var published = await Figures.ListPublishedAsync(Populated.At, Populated.At.AddMinutes(10), CancellationToken.None);
        Assert.Equal(["earlier", "old-fb"], published.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Empty(await Figures.ListPublishedAsync(Populated.At.AddMinutes(10), Populated.At.AddDays(1), CancellationToken.None));
        Assert.Equal([("acc-1", "123_456"), ("acc-1", "789_012")], (await Figures.ListPublishedPostIdsAsync(Populated.At, Populated.At.AddMinutes(10), CancellationToken.None)).Order());
        Assert.Empty(await Figures.ListPublishedPostIdsAsync(Populated.At.AddMinutes(10), Populated.At.AddDays(1), CancellationToken.None));
        Assert.Equal(Populated.At.AddDays(-3), await Figures.EarliestDueAsync(CancellationToken.None));

        // Populated items' events ended two days after Populated.At.
        Assert.Equal(["live", "old"], (await Figures.ListEventEndedAsync(Populated.At.AddDays(1), Populated.At.AddDays(3), null, CancellationToken.None)).Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["live", "old"], (await Figures.ListEventEndedAsync(Populated.At.AddDays(2), Populated.At.AddDays(3), "dinkes", CancellationToken.None)).Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Empty(await Figures.ListEventEndedAsync(Populated.At.AddDays(1), Populated.At.AddDays(3), "dishub", CancellationToken.None));
        Assert.Empty(await Figures.ListEventEndedAsync(Populated.At, Populated.At.AddDays(2), null, CancellationToken.None));
    }

    [Fact]
    public async Task A_day_computed_holds_the_two_hour_rule_figures_of_the_items_whose_event_ended_on_it_and_an_edit_marks_the_day_it_left()
    {
        // Populated items' events end at Day + 2 (10:26 local); first published 3 minutes after Populated.At, i.e. before.
        var eventDay = Day.AddDays(2);
        var ended = Populated.At.AddDays(2);
        Item Made(string id, string opd, DateTimeOffset? published, ItemStatus status = ItemStatus.Published)
        {
            var item = Populated.Item(id, status, opd);
            item.FirstPublishedAt = published;
            return item;
        }

        var change = new StateChange()
            .Insert(Made("met", "dinkes", ended.AddMinutes(90)))
            .Insert(Made("late", "dinkes", ended.AddHours(3)))
            .Insert(Made("waiting", "dinkes", null, ItemStatus.Approved))
            .Insert(Made("refused", "dinkes", null, ItemStatus.Rejected))
            .Insert(Made("other", "dishub", ended.AddMinutes(5)));
        Assert.True(await Get<IStateChanges>().CommitAsync(change, CancellationToken.None));
        var dirty = Assert.Single(await Figures.ListDirtyAsync(10, CancellationToken.None));
        Assert.Equal(eventDay, dirty.Day);

        Assert.True(await DailyFigureSweep.ComputeAsync(Figures, Days, dirty, TimeSpan.FromHours(2), CancellationToken.None));

        Assert.Equal(
            [new EventFigure(eventDay, "dinkes", 3, 1, 1, 1, 120), new EventFigure(eventDay, "dishub", 1, 1, 0, 0, 120)],
            (await Figures.ListEventsAsync(eventDay, eventDay.AddDays(1), null, CancellationToken.None)).OrderBy(f => f.Opd, StringComparer.Ordinal));
        Assert.Equal(["dishub"], (await Figures.ListEventsAsync(eventDay, eventDay.AddDays(1), "dishub", CancellationToken.None)).Select(f => f.Opd));
        Assert.Empty(await Figures.ListEventsAsync(Day, eventDay, null, CancellationToken.None));

        // The latest first, rejected ones left out, at most the limit.
        var latest = await Figures.ListLastEventEndedAsync(Populated.At, ended.AddDays(1), "dinkes", 2, CancellationToken.None);
        Assert.Equal(2, latest.Count);
        Assert.DoesNotContain(latest, i => i.Id == "refused");
        Assert.Equal(["late", "met", "waiting"], (await Figures.ListLastEventEndedAsync(Populated.At, ended.AddDays(1), "dinkes", 10, CancellationToken.None)).Select(i => i.Id).Order(StringComparer.Ordinal));

        // An edit that moves the event to another day marks the day it left, as well as its new one.
        var waiting = (await Get<IItemStore>().GetAsync("waiting", CancellationToken.None))!;
        var left = waiting.EventEndedAt!.Value;
        waiting.EventEndedAt = left.AddDays(3);
        Assert.True(await Get<IStateChanges>().CommitAsync(new StateChange().Update(waiting).Touch(left), CancellationToken.None));
        Assert.Equal([eventDay, eventDay.AddDays(3)], (await Figures.ListDirtyAsync(10, CancellationToken.None)).Select(d => d.Day));
    }
}

public sealed class DailyFigureStoreOnLiteDb : DailyFigureStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class DailyFigureStoreOnPostgreSql : DailyFigureStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
