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
