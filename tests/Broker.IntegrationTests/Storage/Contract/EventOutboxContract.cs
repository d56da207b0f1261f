using Broker.Accounts;
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

    /// <summary>An event raised by a change that writes nothing else.</summary>
    private async Task AppendAsync(DomainEvent domainEvent, CancellationToken cancellationToken) =>
        Assert.True(await Changes.CommitAsync(new StateChange().Raise(domainEvent), cancellationToken));

    /// <summary>
    /// Every event committed so far, once it can be read: on PostgreSQL a commit is read only when every transaction that
    /// began writing before it has ended (in the shared test cluster, other tests' too), which takes a moment.
    /// </summary>
    private Task<IReadOnlyList<OutboxEntry>> AllAsync(int count, int limit = 100) =>
        Eventually.WaitAsync(() => Outbox.ReadAfterAsync(OutboxPosition.Start, limit, CancellationToken.None), e => e.Count >= count, $"{count} events readable");

    [Fact]
    public async Task An_event_is_read_back_with_every_property()
    {
        await AppendAsync(Event("e-1"), CancellationToken.None);

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
        await AppendAsync(Event("e-0"), CancellationToken.None);
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
        await AppendAsync(Event("after"), CancellationToken.None);

        Assert.Equal(["won", "after"], (await AllAsync(2)).Select(e => e.Event.Id));
    }

    [Fact]
    public async Task Of_two_concurrent_changes_of_one_account_one_is_written_with_its_event_and_the_other_raises_none()
    {
        await Get<IAccountStore>().AddAsync(Populated.Account("acc-1"), CancellationToken.None);
        var copies = new List<(string Name, Account Account)>();
        foreach (var name in new[] { "one", "two" })
        {
            var account = (await Get<IAccountStore>().GetAsync("acc-1", CancellationToken.None))!;
            account.StatusReason = name;
            copies.Add((name, account));
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = copies.Select(c => Task.Run(async () =>
        {
            await start.Task;
            return await Changes.CommitAsync(new StateChange().Update(c.Account).Raise(Event(c.Name, "acc-1", EventTypes.AccountNeedsReauthorization)), CancellationToken.None);
        })).ToList();
        start.SetResult();
        var won = await Task.WhenAll(racers);

        var winner = copies[Array.IndexOf(won, true)];
        Assert.Single(won, w => w);
        var stored = (await Get<IAccountStore>().GetAsync("acc-1", CancellationToken.None))!;
        Assert.Equal((winner.Name, 5L), (stored.StatusReason, stored.Version));
        Assert.Equal(5, winner.Account.Version);
        await AppendAsync(Event("after"), CancellationToken.None);
        Assert.Equal([winner.Name, "after"], (await AllAsync(2)).Select(e => e.Event.Id));
    }

    [Fact]
    public async Task A_new_request_commits_with_its_event_and_a_duplicate_of_it_raises_none()
    {
        var request = Populated.Request("req-1");
        Assert.True(await Changes.CommitAsync(new StateChange().Insert(request).Raise(Event("requested", "req-1", EventTypes.AmplificationRequested)), CancellationToken.None));

        await Assert.ThrowsAsync<DuplicateKeyException>(() =>
            Changes.CommitAsync(new StateChange().Insert(Populated.Request("req-1", "dishub")).Raise(Event("twice", "req-1", EventTypes.AmplificationRequested)), CancellationToken.None));
        await AppendAsync(Event("after"), CancellationToken.None);

        PropertyAssert.Same(request, await Get<IAmplificationStore>().GetAsync("req-1", CancellationToken.None));
        Assert.Equal(["requested", "after"], (await AllAsync(2)).Select(e => e.Event.Id));
    }

    [Fact]
    public async Task A_webhook_change_commits_with_its_event_and_a_stale_one_raises_none()
    {
        var store = Get<IWebhookStore>();
        await store.AddAsync(WebhookStoreContract.Subscription("w-1"), CancellationToken.None);
        var subscription = (await store.GetAsync("w-1", CancellationToken.None))!;
        var stale = (await store.GetAsync("w-1", CancellationToken.None))!;
        subscription.Enabled = false;

        Assert.True(await store.UpdateAsync(subscription, [Event("disabled", "w-1", EventTypes.WebhookDisabled)], CancellationToken.None));
        Assert.False(await store.UpdateAsync(stale, [Event("lost", "w-1", EventTypes.WebhookDisabled)], CancellationToken.None));
        await AppendAsync(Event("after"), CancellationToken.None);

        Assert.Equal((2L, false), (subscription.Version, (await store.GetAsync("w-1", CancellationToken.None))!.Enabled));
        Assert.Equal(["disabled", "after"], (await AllAsync(2)).Select(e => e.Event.Id));
    }

    [Fact]
    public async Task Each_consumer_keeps_its_own_cursor_and_a_new_one_starts_before_the_first_event()
    {
        await AppendAsync(Event("e-1"), CancellationToken.None);
        await AppendAsync(Event("e-2"), CancellationToken.None);
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
            ? AppendAsync(Event($"a-{i}", $"item-{i % 4}"), CancellationToken.None)
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
    public async Task Pruning_deletes_the_oldest_events_both_passed_and_old_enough_at_most_the_limit_at_a_time()
    {
        foreach (var id in new[] { "e-1", "e-2", "e-3", "e-4" })
        {
            await AppendAsync(Event(id), CancellationToken.None);
        }

        var young = Event("e-5");
        young.OccurredAt = Populated.At.AddHours(2);
        await AppendAsync(young, CancellationToken.None);
        var all = await AllAsync(5);
        var before = Populated.At.AddHours(1);

        Assert.Equal(2, await Outbox.PruneAsync(all[2].Position, before, 2, CancellationToken.None));
        Assert.Equal(1, await Outbox.PruneAsync(all[2].Position, before, 10, CancellationToken.None));
        Assert.Equal(["e-4", "e-5"], (await Outbox.ReadAfterAsync(OutboxPosition.Start, 10, CancellationToken.None)).Select(e => e.Event.Id));
        Assert.Equal(1, await Outbox.PruneAsync(all[4].Position, before, 10, CancellationToken.None));

        Assert.Equal(["e-5"], (await Outbox.ReadAfterAsync(OutboxPosition.Start, 10, CancellationToken.None)).Select(e => e.Event.Id));
        Assert.Equal(0, await Outbox.PruneAsync(all[4].Position, before, 10, CancellationToken.None));
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
