using Broker.Dispatch;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

/// <summary>What readiness and the queue gauge ask of a store: a real write that succeeds, and cheap pending counts.</summary>
public abstract class HealthContract : StoreContract
{
    [Fact]
    public async Task The_storage_probe_writes_again_and_again_without_error()
    {
        var probe = Get<IStorageProbe>();

        await probe.ProbeWriteAsync(CancellationToken.None);
        await probe.ProbeWriteAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Pending_counts_give_each_waiting_status_and_leave_finished_deliveries_out()
    {
        var deliveries = Get<IDeliveryStore>();
        await deliveries.AddManyAsync(
            [
                Populated.Delivery("d-1", status: DeliveryStatus.Scheduled),
                Populated.Delivery("d-2", status: DeliveryStatus.Scheduled),
                Populated.Delivery("d-3", status: DeliveryStatus.Retrying),
                Populated.Delivery("d-4", status: DeliveryStatus.Publishing),
                Populated.Delivery("d-5", status: DeliveryStatus.Published),
                Populated.Delivery("d-6", status: DeliveryStatus.Failed),
            ],
            CancellationToken.None);

        var counts = await deliveries.CountPendingAsync(CancellationToken.None);

        Assert.Equal(new PendingCounts(2, 1, 1), counts);
    }
}

public sealed class HealthOnLiteDb : HealthContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class HealthOnPostgreSql : HealthContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
