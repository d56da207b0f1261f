using Broker.Dispatch;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class DeliveryPagingContract : StoreContract
{
    private IDeliveryStore Deliveries => Get<IDeliveryStore>();

    [Fact]
    public async Task Deliveries_are_paged_in_due_order_of_their_statuses_and_accounts_to_the_last_page()
    {
        var t = Populated.At;
        await Deliveries.AddManyAsync(
            [
                Populated.Delivery("d1", accountId: "acc-1", status: DeliveryStatus.Failed, dueAt: t.AddMinutes(3)),
                Populated.Delivery("d2", accountId: "acc-2", status: DeliveryStatus.Held, dueAt: t.AddMinutes(1)),
                Populated.Delivery("d3", accountId: "acc-1", status: DeliveryStatus.Published, dueAt: t.AddMinutes(2)),
                Populated.Delivery("d4", accountId: "acc-1", status: DeliveryStatus.Failed, dueAt: t.AddMinutes(1)),
                Populated.Delivery("d5", accountId: "acc-3", status: DeliveryStatus.Failed, dueAt: t),
            ],
            CancellationToken.None);
        DeliveryStatus[] problems = [DeliveryStatus.Failed, DeliveryStatus.Held];

        Assert.Equal(["d5", "d2", "d4", "d1"], await WalkAsync(new DeliveryListQuery(problems), 3));
        Assert.Equal(["d1", "d4", "d2", "d5"], await WalkAsync(new DeliveryListQuery(problems, LatestFirst: true), 1));
        Assert.Equal(["d4", "d1"], await WalkAsync(new DeliveryListQuery(problems, ["acc-1"]), 1));
        Assert.Empty(await WalkAsync(new DeliveryListQuery(problems, []), 1));
        Assert.Equal(["d2", "d4", "d3"], await WalkAsync(new DeliveryListQuery(Enum.GetValues<DeliveryStatus>(), From: t.AddMinutes(1), To: t.AddMinutes(3)), 2));
    }

    [Fact]
    public async Task A_delivery_cursor_survives_inserts_before_and_after_it()
    {
        var t = Populated.At;
        await Deliveries.AddManyAsync([.. Enumerable.Range(0, 6).Select(i => Populated.Delivery($"d{i}", status: DeliveryStatus.Failed, dueAt: t.AddMinutes(i / 2)))], CancellationToken.None);
        var query = new DeliveryListQuery([DeliveryStatus.Failed]);
        var first = await Deliveries.ListPageAsync(query, null, 3, CancellationToken.None);
        Assert.Equal(["d0", "d1", "d2"], first.Rows.Select(d => d.Id));

        await Deliveries.AddManyAsync(
            [
                Populated.Delivery("a-early", status: DeliveryStatus.Failed, dueAt: t.AddMinutes(-5)),
                Populated.Delivery("d2a", status: DeliveryStatus.Failed, dueAt: t.AddMinutes(1)),
                Populated.Delivery("z-late", status: DeliveryStatus.Failed, dueAt: t.AddMinutes(9)),
            ],
            CancellationToken.None);
        var rest = new List<string>();
        for (var cursor = first.Next; cursor is not null;)
        {
            var page = await Deliveries.ListPageAsync(query, cursor, 3, CancellationToken.None);
            rest.AddRange(page.Rows.Select(d => d.Id));
            cursor = page.Next;
        }

        Assert.Equal(["d2a", "d3", "d4", "d5", "z-late"], rest);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Published_and_failed_deliveries_of_some_accounts_are_paged_in_due_order_while_more_arrive_between_pages(bool latestFirst)
    {
        var t = Populated.At;
        DeliveryStatus[] statuses = [DeliveryStatus.Published, DeliveryStatus.Failed, DeliveryStatus.Cancelled, DeliveryStatus.Scheduled];
        Delivery Made(string id, int i) =>
            Populated.Delivery(id, accountId: $"acc-{i % 3}", status: statuses[i % statuses.Length], dueAt: t.AddMinutes(i * 7 % 40));
        var stored = Enumerable.Range(0, 120).Select(i => Made($"d{i:D3}", i)).ToList();
        await Deliveries.AddManyAsync(stored, CancellationToken.None);

        // The published ones drive the page by due time, the failed ones alone by their status: both keep one order.
        foreach (DeliveryStatus[] wanted in (DeliveryStatus[][])[[DeliveryStatus.Published, DeliveryStatus.Failed], [DeliveryStatus.Failed]])
        {
            var query = new DeliveryListQuery(wanted, ["acc-0", "acc-2"], From: t.AddMinutes(3), To: t.AddMinutes(37), LatestFirst: latestFirst);
            var seen = new List<Delivery>();
            PageCursor? cursor = null;
            for (var pages = 0; pages < 100; pages++)
            {
                var page = await Deliveries.ListPageAsync(query, cursor, 4, CancellationToken.None);
                Assert.True(page.Rows.Count <= 4);
                seen.AddRange(page.Rows);
                if ((cursor = page.Next) is null)
                {
                    break;
                }

                var more = Made($"e{pages:D2}-{string.Join(',', wanted)}", pages * 5 + 2);
                stored.Add(more);
                await Deliveries.AddManyAsync([more], CancellationToken.None);
            }

            Assert.Equal(seen.Select(d => d.Id).Distinct(), seen.Select(d => d.Id));
            var keys = seen.Select(d => (d.DueAt, d.Id)).ToList();
            var ordered = latestFirst
                ? keys.OrderByDescending(k => k.DueAt).ThenByDescending(k => k.Id, StringComparer.Ordinal)
                : keys.OrderBy(k => k.DueAt).ThenBy(k => k.Id, StringComparer.Ordinal);
            Assert.Equal(ordered, keys);
            Assert.All(seen, d => Assert.True(wanted.Contains(d.Status) && d.AccountId is "acc-0" or "acc-2" && d.DueAt >= t.AddMinutes(3) && d.DueAt < t.AddMinutes(37)));

            // Every row stored before the walk began is in it; a row added later is in it when it sorts past the cursor.
            var matching = stored.Where(d => wanted.Contains(d.Status) && d.AccountId is "acc-0" or "acc-2" && d.DueAt >= t.AddMinutes(3) && d.DueAt < t.AddMinutes(37));
            Assert.Subset(seen.Select(d => d.Id).ToHashSet(), matching.Where(d => d.Id.StartsWith('d')).Select(d => d.Id).ToHashSet());
        }
    }

    [Fact]
    public async Task Rows_hold_the_fields_the_pages_show_and_page_as_the_whole_deliveries_do()
    {
        var t = Populated.At;
        DeliveryStatus[] statuses = [DeliveryStatus.Published, DeliveryStatus.Failed, DeliveryStatus.Held, DeliveryStatus.Scheduled];
        var stored = Enumerable.Range(0, 40)
            .Select(i => Populated.Delivery($"d{i:D2}", accountId: $"acc-{i % 3}", status: statuses[i % statuses.Length], dueAt: t.AddMinutes(i * 7 % 13)))
            .ToList();
        var bare = Populated.Delivery("bare", status: DeliveryStatus.Failed, dueAt: t.AddMinutes(4));
        (bare.PublishedAt, bare.Attempts) = (null, 0);
        bare.Explain(null, null);
        stored.Add(bare);
        await Deliveries.AddManyAsync(stored, CancellationToken.None);
        DeliveryStatus[] problems = [DeliveryStatus.Failed, DeliveryStatus.Held];

        DeliveryListQuery[] queries =
        [
            new(problems),
            new(problems, LatestFirst: true),
            new(problems, ["acc-1"], LatestFirst: true),
            new(problems, []),
            new([DeliveryStatus.Published, DeliveryStatus.Scheduled, DeliveryStatus.Held], From: t.AddMinutes(2), To: t.AddMinutes(10)),
            new([DeliveryStatus.Published, DeliveryStatus.Failed], ["acc-0", "acc-2"], From: t.AddMinutes(1), To: t.AddMinutes(12), LatestFirst: true),
        ];
        foreach (var query in queries)
        {
            var rows = await WalkRowsAsync(query, 3);
            Assert.Equal(await WalkAsync(query, 3), rows.Select(r => r.Id));
            Assert.All(rows, row => Assert.Equal(RowOf(stored.Single(d => d.Id == row.Id)), row));

            // Without the attempts (the calendar's rows): the same rows in the same pages, those fields left unread.
            var brief = await WalkRowsAsync(query with { WithAttempts = false }, 3);
            Assert.Equal(rows.Select(r => r with { Attempts = null }), brief);
        }
    }

    private static DeliveryRow RowOf(Delivery d) =>
        new(d.Id, d.ItemId, d.AccountId, d.Platform, d.Status, d.DueAt, d.PublishedAt, new DeliveryRowAttempts(d.ScheduledAt, d.Attempts, d.ErrorCode, d.Error));

    private async Task<List<DeliveryRow>> WalkRowsAsync(DeliveryListQuery query, int limit)
    {
        var rows = new List<DeliveryRow>();
        PageCursor? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await Deliveries.ListRowsAsync(query, cursor, limit, CancellationToken.None);
            Assert.True(page.Rows.Count <= limit);
            rows.AddRange(page.Rows);
            if ((cursor = page.Next) is null)
            {
                break;
            }
        }

        return rows;
    }

    private async Task<List<string>> WalkAsync(DeliveryListQuery query, int limit)
    {
        var ids = new List<string>();
        PageCursor? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await Deliveries.ListPageAsync(query, cursor, limit, CancellationToken.None);
            Assert.True(page.Rows.Count <= limit);
            ids.AddRange(page.Rows.Select(d => d.Id));
            if ((cursor = page.Next) is null)
            {
                break;
            }
        }

        return ids;
    }
}

public sealed class DeliveryPagingOnLiteDb : DeliveryPagingContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class DeliveryPagingOnPostgreSql : DeliveryPagingContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
