using Broker.Amplification;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Intake;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class StateChangesContract : StoreContract
{
    private IStateChanges Changes => Get<IStateChanges>();

    private IItemStore Items => Get<IItemStore>();

    private IDeliveryStore Deliveries => Get<IDeliveryStore>();

    private IAmplificationStore Requests => Get<IAmplificationStore>();

    [Fact]
    public async Task A_change_writes_every_entity_over_its_version_and_bumps_each_version_by_one_in_the_store_and_in_memory()
    {
        var (item, delivery, request) = await StoreOneOfEachAsync();
        item.Status = ItemStatus.Published;
        delivery.Status = DeliveryStatus.Published;
        request.Status = AmplificationStatus.Accepted;
        var change = new StateChange().Update(item).Update(delivery).Update(request)
            .Insert(Populated.Item("item-new")).Insert([Populated.Delivery("d-new")]).Record(Populated.Audit("audit-1", "item-1"));

        Assert.True(await Changes.CommitAsync(change, CancellationToken.None));

        Assert.Equal((4, 3, 6), (item.Version, delivery.Version, request.Version));
        var storedItem = await Items.GetAsync("item-1", CancellationToken.None);
        var storedDelivery = await Deliveries.GetAsync("d-1", CancellationToken.None);
        var storedRequest = await Requests.GetAsync("req-1", CancellationToken.None);
        PropertyAssert.Same(item, storedItem);
        PropertyAssert.Same(delivery, storedDelivery);
        PropertyAssert.Same(request, storedRequest);
        Assert.NotNull(await Items.GetAsync("item-new", CancellationToken.None));
        Assert.NotNull(await Deliveries.GetAsync("d-new", CancellationToken.None));
        Assert.Single(await Get<IAuditLog>().QueryAsync(new AuditQuery(ObjectId: "item-1"), CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_nothing_of_the_change_is_written()
    {
        var (item, delivery, _) = await StoreOneOfEachAsync();
        var stale = (await Deliveries.GetAsync("d-1", CancellationToken.None))!;
        delivery.Status = DeliveryStatus.Publishing;
        Assert.True(await Changes.CommitAsync(new StateChange().Update(delivery), CancellationToken.None));

        stale.Status = DeliveryStatus.Cancelled;
        var refused = new StateChange().Update(stale)
            .Insert(Populated.Item("item-new")).Insert([Populated.Delivery("d-new")]).Record(Populated.Audit("audit-1", "d-1"));

        Assert.False(await Changes.CommitAsync(refused, CancellationToken.None));

        Assert.Equal(2, stale.Version);
        var stored = (await Deliveries.GetAsync("d-1", CancellationToken.None))!;
        Assert.Equal((DeliveryStatus.Publishing, 3L), (stored.Status, stored.Version));
        Assert.Null(await Items.GetAsync("item-new", CancellationToken.None));
        Assert.Null(await Deliveries.GetAsync("d-new", CancellationToken.None));
        Assert.Empty(await Get<IAuditLog>().QueryAsync(new AuditQuery(ObjectId: "d-1"), CancellationToken.None));
        Assert.Equal(3, item.Version);
    }

    [Fact]
    public async Task A_change_over_two_entities_of_which_one_is_stale_writes_neither()
    {
        var (item, delivery, request) = await StoreOneOfEachAsync();
        var staleRequest = (await Requests.GetAsync("req-1", CancellationToken.None))!;
        request.Status = AmplificationStatus.Declined;
        Assert.True(await Changes.CommitAsync(new StateChange().Update(request), CancellationToken.None));

        item.Status = ItemStatus.Failed;
        delivery.Status = DeliveryStatus.Failed;
        staleRequest.Status = AmplificationStatus.Accepted;
        Assert.False(await Changes.CommitAsync(new StateChange().Update(item).Update(delivery).Update(staleRequest), CancellationToken.None));

        Assert.Equal((3, 2, 5), (item.Version, delivery.Version, staleRequest.Version));
        var storedItem = (await Items.GetAsync("item-1", CancellationToken.None))!;
        var storedDelivery = (await Deliveries.GetAsync("d-1", CancellationToken.None))!;
        Assert.Equal((ItemStatus.Approved, 3L), (storedItem.Status, storedItem.Version));
        Assert.Equal((DeliveryStatus.Scheduled, 2L), (storedDelivery.Status, storedDelivery.Version));
        Assert.Equal(AmplificationStatus.Declined, (await Requests.GetAsync("req-1", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_update_of_an_entity_not_stored_is_refused()
    {
        Assert.False(await Changes.CommitAsync(new StateChange().Update(Populated.Delivery("d-missing")), CancellationToken.None));

        Assert.Null(await Deliveries.GetAsync("d-missing", CancellationToken.None));
    }

    [Fact]
    public async Task A_change_inserting_a_stored_id_is_refused_as_a_duplicate_and_writes_nothing()
    {
        var (item, delivery, _) = await StoreOneOfEachAsync();
        delivery.Status = DeliveryStatus.Cancelled;

        await Assert.ThrowsAsync<DuplicateKeyException>(() => Changes.CommitAsync(
            new StateChange().Update(delivery).Insert([Populated.Delivery("d-new"), Populated.Delivery("d-1")]).Record(Populated.Audit("audit-1", "d-1")),
            CancellationToken.None));

        Assert.Equal(2, delivery.Version);
        Assert.Equal(DeliveryStatus.Scheduled, (await Deliveries.GetAsync("d-1", CancellationToken.None))!.Status);
        Assert.Null(await Deliveries.GetAsync("d-new", CancellationToken.None));
        Assert.Empty(await Get<IAuditLog>().QueryAsync(new AuditQuery(ObjectId: "d-1"), CancellationToken.None));
        Assert.Equal(3, item.Version);
    }

    [Fact]
    public async Task Of_many_concurrent_changes_over_the_same_version_exactly_one_wins()
    {
        await StoreOneOfEachAsync();
        const int Racers = 24;
        var copies = new List<Delivery>();
        for (var i = 0; i < Racers; i++)
        {
            var copy = (await Deliveries.GetAsync("d-1", CancellationToken.None))!;
            copy.Error = $"racer {i}";
            copies.Add(copy);
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = copies.Select(copy => Task.Run(async () =>
        {
            await start.Task;
            return await Changes.CommitAsync(
                new StateChange().Update(copy).Record(Populated.Audit($"audit-{copy.Error}", "d-1")), CancellationToken.None);
        })).ToList();
        start.SetResult();
        var won = await Task.WhenAll(racers);

        Assert.Single(won, w => w);
        var winner = copies[Array.IndexOf(won, true)];
        var stored = (await Deliveries.GetAsync("d-1", CancellationToken.None))!;
        Assert.Equal((winner.Error, 3L), (stored.Error, stored.Version));
        Assert.Single(await Get<IAuditLog>().QueryAsync(new AuditQuery(ObjectId: "d-1"), CancellationToken.None));
    }

    // An item at version 3, a delivery at 2, an amplification request at 5 (their populated versions).
    private async Task<(Item Item, Delivery Delivery, AmplificationRequest Request)> StoreOneOfEachAsync()
    {
        await Items.AddAsync(Populated.Item("item-1"), CancellationToken.None);
        await Deliveries.AddManyAsync([Populated.Delivery("d-1")], CancellationToken.None);
        await Requests.AddAsync(Populated.Request("req-1"), CancellationToken.None);
        return ((await Items.GetAsync("item-1", CancellationToken.None))!,
            (await Deliveries.GetAsync("d-1", CancellationToken.None))!,
            (await Requests.GetAsync("req-1", CancellationToken.None))!);
    }
}

public sealed class StateChangesOnLiteDb : StateChangesContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class StateChangesOnPostgreSql : StateChangesContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
