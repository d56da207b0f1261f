using Broker.Dispatch;
using Broker.Scheduling;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class DeliveryStoreContract : StoreContract
{
    private IDeliveryStore Deliveries => Get<IDeliveryStore>();

    [Fact]
    public async Task A_delivery_is_read_back_with_every_property_it_was_stored_with()
    {
        var delivery = Populated.Delivery("d-1", status: DeliveryStatus.Retrying);
        PropertyAssert.FullyPopulated(delivery);

        await Deliveries.AddManyAsync([delivery], CancellationToken.None);

        PropertyAssert.Same(delivery, await Deliveries.GetAsync("d-1", CancellationToken.None));
    }

    [Fact]
    public async Task A_delivery_is_found_only_by_its_exact_id()
    {
        await Deliveries.AddManyAsync([Populated.Delivery("Del-X1")], CancellationToken.None);

        Assert.NotNull(await Deliveries.GetAsync("Del-X1", CancellationToken.None));
        Assert.Null(await Deliveries.GetAsync("del-x1", CancellationToken.None));
        Assert.Null(await Deliveries.GetAsync("DEL-X1", CancellationToken.None));
    }

    [Fact]
    public async Task Thousands_of_deliveries_are_added_at_once()
    {
        var many = Enumerable.Range(0, 3_000).Select(i => Populated.Delivery($"d-{i:D5}", itemId: $"item-{i % 10}")).ToList();

        await Deliveries.AddManyAsync(many, CancellationToken.None);

        Assert.Equal(300, (await Deliveries.ListByItemAsync("item-7", CancellationToken.None)).Count);
        PropertyAssert.Same(many[2_999], await Deliveries.GetAsync("d-02999", CancellationToken.None));
    }

    [Fact]
    public async Task Adding_deliveries_of_which_one_is_stored_is_refused_as_a_duplicate_and_adds_none()
    {
        await Deliveries.AddManyAsync([Populated.Delivery("d-2")], CancellationToken.None);

        await Assert.ThrowsAsync<DuplicateKeyException>(() => Deliveries.AddManyAsync(
            [Populated.Delivery("d-1", itemId: "item-2"), Populated.Delivery("d-2", itemId: "item-2"), Populated.Delivery("d-3", itemId: "item-2")],
            CancellationToken.None));

        Assert.Null(await Deliveries.GetAsync("d-1", CancellationToken.None));
        Assert.Null(await Deliveries.GetAsync("d-3", CancellationToken.None));
        Assert.Equal("item-1", (await Deliveries.GetAsync("d-2", CancellationToken.None))!.ItemId);
    }

    [Fact]
    public async Task Deliveries_are_listed_by_item_items_status_and_account()
    {
        await Deliveries.AddManyAsync(
        [
            Populated.Delivery("d-1", "item-1", "acc-1", DeliveryStatus.Scheduled),
            Populated.Delivery("d-2", "item-1", "acc-2", DeliveryStatus.Published),
            Populated.Delivery("d-3", "item-2", "acc-1", DeliveryStatus.Failed),
            Populated.Delivery("d-4", "item-3", "acc-1", DeliveryStatus.Held),
            Populated.Delivery("d-5", "Item-1", "ACC-1", DeliveryStatus.Scheduled),
        ], CancellationToken.None);

        Assert.Equal(["d-1", "d-2"], Ids(await Deliveries.ListByItemAsync("item-1", CancellationToken.None)));
        Assert.Equal(["d-1", "d-2", "d-3"], Ids(await Deliveries.ListByItemsAsync(["item-1", "item-2", "item-9"], CancellationToken.None)));
        Assert.Empty(await Deliveries.ListByItemsAsync([], CancellationToken.None));
        Assert.Equal(
            [("item-1", DeliveryStatus.Scheduled), ("item-1", DeliveryStatus.Published), ("item-2", DeliveryStatus.Failed)],
            (await Deliveries.ListStatusesByItemsAsync(["item-1", "item-2", "item-9"], CancellationToken.None)).Select(d => (d.ItemId, d.Status)).Order());
        Assert.Empty(await Deliveries.ListStatusesByItemsAsync([], CancellationToken.None));
        Assert.Equal(["d-1", "d-4", "d-5"], Ids(await Deliveries.ListByStatusAsync([DeliveryStatus.Scheduled, DeliveryStatus.Held], CancellationToken.None)));
        Assert.Equal(["d-1", "d-3"], Ids(await Deliveries.ListByAccountAsync("acc-1", [DeliveryStatus.Scheduled, DeliveryStatus.Failed], CancellationToken.None)));
        Assert.Empty(await Deliveries.ListByAccountAsync("acc-1", [], CancellationToken.None));
    }

    [Fact]
    public async Task Pending_deliveries_stream_in_id_order_across_many_pages_as_what_scheduling_needs()
    {
        var statuses = Enum.GetValues<DeliveryStatus>();
        var all = Enumerable.Range(0, 2_100)
            .Select(i => Populated.Delivery($"d-{i:D5}", $"item-{i % 7}", status: statuses[i % statuses.Length], dueAt: Populated.At.AddSeconds(i)))
            .ToList();
        all[0].NeedsReconcile = false;
        await Deliveries.AddManyAsync(all, CancellationToken.None);

        var pending = new List<PendingDelivery>();
        await foreach (var delivery in Deliveries.ListPendingAsync(CancellationToken.None))
        {
            pending.Add(delivery);
        }

        var expected = all.Where(d => d.Status is DeliveryStatus.Scheduled or DeliveryStatus.Retrying or DeliveryStatus.Publishing)
            .Select(d => new PendingDelivery(d.Id, d.ItemId, d.Status, d.DueAt, d.NeedsReconcile)).ToList();
        Assert.Equal(expected, pending);
    }

    // Lists are compared as sets: neither provider promises an order for them.
    [Fact]
    public async Task A_page_of_items_gets_its_own_deliveries_whether_it_fills_its_span_of_creation_times_or_is_a_few_items_among_many()
    {
        // Sixty items a minute apart (two made at the same moment), three deliveries each but item 7, which has none yet;
        // one delivery is of an item whose id differs from item 12's in case alone, made at the same moment.
        var made = Enumerable.Range(0, 60).ToDictionary(i => $"item-{i:D2}", i => Populated.At.AddMinutes(i == 31 ? 30 : i));
        var all = made.Where(m => m.Key != "item-07")
            .SelectMany(m => Enumerable.Range(0, 3).Select(k =>
            {
                var delivery = Populated.Delivery($"d-{m.Key[5..]}-{k}", m.Key, $"acc-{k}", k == 2 ? DeliveryStatus.Failed : DeliveryStatus.Published);
                delivery.ItemCreatedAt = m.Value;
                return delivery;
            }))
            .ToList();
        var otherCase = Populated.Delivery("d-other", "ITEM-12");
        otherCase.ItemCreatedAt = made["item-12"];
        await Deliveries.AddManyAsync([.. all, otherCase], CancellationToken.None);

        async Task Check(bool whole, params string[] ids)
        {
            var span = new ItemSpan(ids, ids.Min(id => made[id]), ids.Max(id => made[id]), ids.Length * 3) { Whole = whole };
            string[] expected = [.. all.Where(d => ids.Contains(d.ItemId)).Select(d => d.Id).Order(StringComparer.Ordinal)];
            Assert.Equal(expected, Ids(await Deliveries.ListByItemsAsync(span, CancellationToken.None)));
            Assert.Equal(expected, Ids(await Deliveries.ListByItemsAsync(ids, CancellationToken.None)));
            Assert.Equal(
                all.Where(d => ids.Contains(d.ItemId)).Select(d => (d.ItemId, d.Status)).Order(),
                (await Deliveries.ListStatusesByItemsAsync(span, CancellationToken.None)).Select(d => (d.ItemId, d.Status)).Order());
        }

        // A page that is its whole span (an unfiltered list), with the item without deliveries and the two of one moment.
        await Check(whole: true, [.. Enumerable.Range(5, 30).Select(i => $"item-{i:D2}")]);
        await Check(whole: false, [.. Enumerable.Range(5, 30).Select(i => $"item-{i:D2}")]);
        // A few items among many (a filtered list): their span holds every other item's deliveries.
        await Check(whole: false, "item-00", "item-12", "item-59");
        await Check(whole: false, "item-12");
        await Check(whole: true, "item-07", "item-08");
        Assert.Empty(await Deliveries.ListByItemsAsync(new ItemSpan([], default, default, 0), CancellationToken.None));
    }

    private static string[] Ids(IEnumerable<Delivery> deliveries) => [.. deliveries.Select(d => d.Id).Order(StringComparer.Ordinal)];
}

public sealed class DeliveryStoreOnLiteDb : DeliveryStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class DeliveryStoreOnPostgreSql : DeliveryStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
