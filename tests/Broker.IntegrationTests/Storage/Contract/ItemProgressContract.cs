using System.Collections.Concurrent;
using System.Reflection;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Intake;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Broker.IntegrationTests.Storage.Contract;

/// <summary>
/// Keeping items in step with their deliveries when two nodes do it at once, on each provider: one node's refresh of a
/// batch of items is caught between its reads while another node publishes an item's last delivery and marks the item
/// published. The item must stay published. And a refresh that fails is made later by the running process.
/// </summary>
public abstract class ItemProgressContract : StoreContract
{
    [Fact]
    public async Task A_batch_refresh_overtaken_by_another_nodes_refresh_never_puts_a_published_item_back()
    {
        var items = Get<IItemStore>();
        var deliveries = Get<IDeliveryStore>();
        var changes = Get<IStateChanges>();
        var audit = new Auditor(Get<IAuditLog>(), TimeProvider.System);
        foreach (var id in new[] { "item-1", "item-2" })
        {
            var item = Populated.Item(id);
            item.FirstPublishedAt = Populated.At.AddMinutes(9); // as its published delivery says
            await items.AddAsync(item, CancellationToken.None);
            await deliveries.AddManyAsync(
                [
                    Populated.Delivery($"{id}-a", id, "acc-1", DeliveryStatus.Published),
                    Populated.Delivery($"{id}-b", id, "acc-2", DeliveryStatus.Publishing),
                ],
                CancellationToken.None);
        }

        // The other node: it publishes item-1's last delivery and refreshes the item, after this node has read the
        // deliveries of its batch and before it decides.
        var otherNode = new ItemProgress(items, deliveries, changes, audit, TimeProvider.System);
        var hooked = HookedDeliveries.Around(deliveries, async () =>
        {
            var last = (await deliveries.GetAsync("item-1-b", CancellationToken.None))!;
            last.Status = DeliveryStatus.Published;
            Assert.True(await changes.CommitAsync(new StateChange().Update(last), CancellationToken.None));
            await otherNode.RefreshAsync("item-1", CancellationToken.None);
            Assert.Equal(ItemStatus.Published, (await items.GetAsync("item-1", CancellationToken.None))!.Status);
        });
        var thisNode = new ItemProgress(items, hooked, changes, audit, TimeProvider.System);

        await thisNode.RefreshManyAsync(["item-1", "item-2"], CancellationToken.None);

        Assert.True(hooked is HookedDeliveries { Ran: true });
        Assert.Equal(ItemStatus.Published, (await items.GetAsync("item-1", CancellationToken.None))!.Status);
        Assert.Equal(ItemStatus.Approved, (await items.GetAsync("item-2", CancellationToken.None))!.Status);
        var actions = (await Get<IAuditLog>().QueryAsync(new AuditQuery(ObjectId: "item-1"), CancellationToken.None)).Select(e => e.Action);
        Assert.Equal(["item.published"], actions);
    }

    [Fact]
    public async Task A_refresh_that_failed_is_made_again_after_a_growing_pause_while_the_process_runs()
    {
        var items = Get<IItemStore>();
        var deliveries = Get<IDeliveryStore>();
        var item = Populated.Item("item-1");
        item.FirstPublishedAt = Populated.At.AddMinutes(9);
        await items.AddAsync(item, CancellationToken.None);
        await deliveries.AddManyAsync(
            [Populated.Delivery("d-a", "item-1", "acc-1", DeliveryStatus.Published), Populated.Delivery("d-b", "item-1", "acc-2", DeliveryStatus.Published)],
            CancellationToken.None);

        // The item store fails the first two reads of the item, as a database away for a moment does.
        var clock = new FakeTimeProvider(Populated.At);
        var flaky = FlakyItems.Around(items, clock, failures: 2);
        var progress = new ItemProgress(flaky, deliveries, Get<IStateChanges>(), new Auditor(Get<IAuditLog>(), clock), clock);
        using var queue = new ItemProgressQueue(progress, clock, NullLogger<ItemProgressQueue>.Instance);
        await queue.StartAsync(CancellationToken.None);
        try
        {
            await queue.EnqueueAsync("item-1");

            // The clock moves a second at a time until the refresh is made; no sleeping through the real pauses.
            await Eventually.WaitAsync(
                async () =>
                {
                    clock.Advance(TimeSpan.FromSeconds(1));
                    return (await items.GetAsync("item-1", CancellationToken.None))!.Status;
                },
                status => status == ItemStatus.Published,
                "the item to be refreshed after its failed tries");
        }
        finally
        {
            await queue.StopAsync(CancellationToken.None);
        }

        var reads = ((FlakyItems)(object)flaky).Reads.ToArray();
        Assert.Equal(3, reads.Length);
        Assert.True(reads[1] - reads[0] >= ItemProgressQueue.FirstRetryDelay, $"second try {reads[1] - reads[0]} after the first");
        Assert.True(reads[2] - reads[1] >= 2 * ItemProgressQueue.FirstRetryDelay, $"third try {reads[2] - reads[1]} after the second");
    }

    /// <summary>The real item store, whose first reads of an item fail; each read's time is noted.</summary>
    public class FlakyItems : DispatchProxy
    {
        private IItemStore inner = null!;
        private TimeProvider clock = null!;
        private int failures;

        public ConcurrentQueue<DateTimeOffset> Reads { get; } = new();

        public static IItemStore Around(IItemStore inner, TimeProvider clock, int failures)
        {
            var proxy = Create<IItemStore, FlakyItems>();
            var flaky = (FlakyItems)(object)proxy;
            (flaky.inner, flaky.clock, flaky.failures) = (inner, clock, failures);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name != nameof(IItemStore.GetAsync))
            {
                return targetMethod.Invoke(inner, args);
            }

            Reads.Enqueue(clock.GetUtcNow());
            return Interlocked.Decrement(ref failures) >= 0
                ? Task.FromException<Item?>(new InvalidOperationException("The database is away for a moment."))
                : targetMethod.Invoke(inner, args);
        }
    }

    /// <summary>The real delivery store, with a step run once right after the first read of several items' deliveries.</summary>
    public class HookedDeliveries : DispatchProxy
    {
        private IDeliveryStore inner = null!;
        private Func<Task>? hook;

        public bool Ran { get; private set; }

        public static IDeliveryStore Around(IDeliveryStore inner, Func<Task> hook)
        {
            var proxy = Create<IDeliveryStore, HookedDeliveries>();
            var hooked = (HookedDeliveries)(object)proxy;
            (hooked.inner, hooked.hook) = (inner, hook);
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var result = targetMethod!.Invoke(inner, args);
            return targetMethod.Name == nameof(IDeliveryStore.ListByItemsAsync) && Interlocked.Exchange(ref hook, null) is { } step
                ? ThenAsync((Task<IReadOnlyList<Delivery>>)result!, step)
                : result;
        }

        private async Task<IReadOnlyList<Delivery>> ThenAsync(Task<IReadOnlyList<Delivery>> read, Func<Task> step)
        {
            var deliveries = await read;
            await step();
            Ran = true;
            return deliveries;
        }
    }
}

public sealed class ItemProgressOnLiteDb : ItemProgressContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class ItemProgressOnPostgreSql : ItemProgressContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
