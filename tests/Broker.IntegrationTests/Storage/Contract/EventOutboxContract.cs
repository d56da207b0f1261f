using Broker.Dispatch;
using Broker.Events;
using Broker.IntegrationTests.Infrastructure;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class EventOutboxContract : StoreContract
{
    private IEventOutbox Outbox => Get<IEventOutbox>();

    private IStateChanges Changes => Get<IStateChanges>();

    internal static DomainEvent Event(string id, string objectId = "item-1", string type = EventTypes.ItemApproved) => new()
    {
        Id = id,
        Type = type,
        ObjectType = "item",
        ObjectId = objectId,
        OccurredAt = Populated.At,
        Opd = "dinkes",
        Actor = "editor-1",
        Data = new() { ["title"] = "Vaksinasi gratis ✓", ["reason"] = "\"kutipan\"" },
    };

    /// <summary>
    /// Every event committed so far, once it can be read: on PostgreSQL a commit is read only when every transaction that
    /// began writing before it has ended (in the shared test cluster, other tests' too), which takes a moment.
    /// </summary>
    private Task<IReadOnlyList<OutboxEntry>> AllAsync(int count, int limit = 100) =>
        Eventually.WaitAsync(() => Outbox.ReadAfterAsync(OutboxPosition.Start, limit, CancellationToken.None), e => e.Count >= count, $"{count} events readable");

    [Fact]
    public async Task An_appended_event_is_read_back_with_every_property()
    {
        await Outbox.AppendAsync(Event("e-1"), CancellationToken.None);

        var read = Assert.Single(await AllAsync(1)).Event;
        var expected = Event("e-1");
        Assert.Equal(
            (expected.Id, expected.Type, expected.ObjectType, expected.ObjectId, expected.OccurredAt, expected.Opd, expected.Actor),
            (read.Id, read.Type, read.ObjectType, read.ObjectId, read.OccurredAt, read.Opd, read.Actor));
        Assert.Equal(expected.Data, read.Data);
    }

    [Fact]
    public async Task The_events_of_a_committed_change_are_written_with_it_in_the_order_raised_and_read_after_a_position()
    {
        await Outbox.AppendAsync(Event("e-0"), CancellationToken.None);
        await Get<IDeliveryStore>().AddManyAsync([Populated.Delivery("d-1")], CancellationToken.None);
        var delivery = (await Get<IDeliveryStore>().GetAsync("d-1", CancellationToken.None))!;
        delivery.Status = DeliveryStatus.Published;
        var change = new StateChange().Update(delivery).Raise(Event("e-1")).Raise(Event("e-2")).Raise(Event("e-3"));

        Assert.True(await Changes.CommitAsync(change, CancellationToken.None));

        var all = await AllAsync(4);
        Assert.Equal(["e-0", "e-1", "e-2", "e-3"], all.Select(e => e.Event.Id));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.Second.Position.IsAfter(p.First.Position)));
        Assert.Equal(["e-2", "e-3"], (await Outbox.ReadAfterAsync(all[1].Position, 10, CancellationToken.None)).Select(e => e.Event.Id));
        Assert.Equal(["e-1"], (await Outbox.ReadAfterAsync(all[0].Position, 1, CancellationToken.None)).Select(e => e.Event.Id));
    }

    [Fact]
    public async Task A_change_refused_for_a_stale_version_writes_no_event()
    {
        await Get<IDeliveryStore>().AddManyAsync([Populated.Delivery("d-1")], CancellationToken.None);
        var delivery = (await Get<IDeliveryStore>().GetAsync("d-1", CancellationToken.None))!;
        var stale = (await Get<IDeliveryStore>().GetAsync("d-1", CancellationToken.None))!;
        Assert.True(await Changes.CommitAsync(new StateChange().Update(delivery).Raise(Event("won")), CancellationToken.None));

        Assert.False(await Changes.CommitAsync(new StateChange().Update(stale).Raise(Event("lost")), CancellationToken.None));
        await Outbox.AppendAsync(Event("after"), CancellationToken.None);

        Assert.Equal(["won", "after"], (await AllAsync(2)).Select(e => e.Event.Id));
    }

    [Fact]
    public async Task Each_consumer_keeps_its_own_cursor_and_a_new_one_starts_before_the_first_event()
    {
        await Outbox.AppendAsync(Event("e-1"), CancellationToken.None);
        await Outbox.AppendAsync(Event("e-2"), CancellationToken.None);
        var events = await AllAsync(2);

        await Outbox.AcknowledgeAsync("webhooks", events[0].Position, CancellationToken.None);
        await Outbox.AcknowledgeAsync("webhooks", events[1].Position, CancellationToken.None);
        await Outbox.AcknowledgeAsync("notifications", events[0].Position, CancellationToken.None);

        Assert.Equal(events[1].Position, await Outbox.CursorAsync("webhooks", CancellationToken.None));
        Assert.Equal(events[0].Position, await Outbox.CursorAsync("notifications", CancellationToken.None));
        Assert.Equal(OutboxPosition.Start, await Outbox.CursorAsync("Webhooks", CancellationToken.None));
        Assert.Empty(await Outbox.ReadAfterAsync(await Outbox.CursorAsync("webhooks", CancellationToken.None), 10, CancellationToken.None));
    }

    [Fact]
    public async Task Events_raised_by_concurrent_changes_are_all_read_once_each()
    {
        var writers = Enumerable.Range(0, 40).Select(i => Task.Run(() => i % 2 == 0
            ? Outbox.AppendAsync(Event($"a-{i}", $"item-{i % 4}"), CancellationToken.None)
            : Changes.CommitAsync(new StateChange().Raise(Event($"c-{i}", $"item-{i % 4}")), CancellationToken.None)));
        await Task.WhenAll(writers);
        await AllAsync(40);

        var read = new List<string>();
        var position = OutboxPosition.Start;
        for (var page = await Outbox.ReadAfterAsync(position, 7, CancellationToken.None); page.Count > 0; page = await Outbox.ReadAfterAsync(position, 7, CancellationToken.None))
        {
            read.AddRange(page.Select(e => e.Event.Id));
            position = page[^1].Position;
        }

        Assert.Equal(40, read.Count);
        Assert.Equal(40, read.Distinct().Count());
    }

    [Fact]
    public async Task This_node_leads_the_dispatch()
    {
        Assert.True(await Outbox.TryLeadAsync(CancellationToken.None));
        Assert.True(await Outbox.TryLeadAsync(CancellationToken.None));
    }
}

public sealed class EventOutboxOnLiteDb : EventOutboxContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class EventOutboxOnPostgreSql : EventOutboxContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
