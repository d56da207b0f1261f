using Broker.Storage;
using Broker.Webhooks;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class WebhookStoreContract : StoreContract
{
    private IWebhookStore Store => Get<IWebhookStore>();

    internal static WebhookSubscription Subscription(string id, DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        Version = 1,
        Url = "https://portal.example.go.id/hooks/broker?x=1",
        ProtectedSecret = "CfDJ8-protected",
        EventTypes = ["item.approved", "item.published"],
        Description = "Portal berita ✓",
        Enabled = true,
        ConsecutiveFailures = 2,
        DisabledReason = "none",
        CreatedBy = "editor-1",
        CreatedAt = createdAt ?? Populated.At,
        UpdatedAt = Populated.At.AddMinutes(1),
    };

    internal static WebhookMessage Message(string subscriptionId, string eventId, DateTimeOffset due, long sequence, WebhookMessageStatus status = WebhookMessageStatus.Pending) => new()
    {
        Id = WebhookMessage.IdOf(subscriptionId, eventId),
        Version = 1,
        SubscriptionId = subscriptionId,
        EventId = eventId,
        EventType = "item.approved",
        ObjectKey = "item:item-1",
        Body = "{\"type\":\"item.approved\",\"data\":{\"title\":\"\\\"Taman\\\" ✓\"}}",
        Sequence = sequence,
        Status = status,
        NextAttemptAt = due,
        CreatedAt = Populated.At.AddSeconds(sequence),
        RetryingSince = Populated.At,
        Attempts = [new WebhookAttempt { At = Populated.At, StatusCode = 503, DurationMs = 12, Error = "HTTP 503: sibuk" }],
    };

    [Fact]
    public async Task A_subscription_and_a_message_are_read_back_with_every_property()
    {
        var subscription = Subscription("w-1");
        var message = Message("w-1", "e-1", Populated.At, 7, WebhookMessageStatus.Delivered);
        PropertyAssert.FullyPopulated(subscription);
        PropertyAssert.FullyPopulated(message);

        await Store.AddAsync(subscription, CancellationToken.None);
        await Store.EnqueueAsync([message], CancellationToken.None);

        PropertyAssert.Same(subscription, await Store.GetAsync("w-1", CancellationToken.None));
        PropertyAssert.Same(message, await Store.GetMessageAsync(message.Id, CancellationToken.None));
        Assert.Null(await Store.GetAsync("W-1", CancellationToken.None));
    }

    [Fact]
    public async Task An_update_over_a_stale_version_is_refused_and_writes_nothing()
    {
        await Store.AddAsync(Subscription("w-1"), CancellationToken.None);
        var first = (await Store.GetAsync("w-1", CancellationToken.None))!;
        var second = (await Store.GetAsync("w-1", CancellationToken.None))!;
        first.Enabled = false;
        second.ConsecutiveFailures = 9;

        var results = await Task.WhenAll(Store.UpdateAsync(first, CancellationToken.None), Store.UpdateAsync(second, CancellationToken.None));

        Assert.Single(results, won => won);
        var stored = (await Store.GetAsync("w-1", CancellationToken.None))!;
        Assert.Equal(2, stored.Version);
        Assert.True(!stored.Enabled ^ (stored.ConsecutiveFailures == 9), "exactly one of the two changes is stored");
    }

    [Fact]
    public async Task A_message_enqueued_twice_is_stored_once_and_keeps_what_happened_to_it()
    {
        await Store.AddAsync(Subscription("w-1"), CancellationToken.None);
        await Store.EnqueueAsync([Message("w-1", "e-1", Populated.At, 1)], CancellationToken.None);
        var sent = (await Store.GetMessageAsync("w-1:e-1", CancellationToken.None))!;
        sent.Status = WebhookMessageStatus.Delivered;
        Assert.True(await Store.SaveMessageAsync(sent, CancellationToken.None));

        await Store.EnqueueAsync([Message("w-1", "e-1", Populated.At, 1), Message("w-1", "e-2", Populated.At, 2)], CancellationToken.None);

        Assert.Equal(WebhookMessageStatus.Delivered, (await Store.GetMessageAsync("w-1:e-1", CancellationToken.None))!.Status);
        Assert.Equal(["w-1:e-2", "w-1:e-1"], (await Store.ListMessagesAsync("w-1", 10, CancellationToken.None)).Select(m => m.Id));
    }

    [Fact]
    public async Task Due_messages_are_the_pending_ones_due_by_now_earliest_first_then_in_the_order_made()
    {
        var t = Populated.At;
        await Store.AddAsync(Subscription("w-1"), CancellationToken.None);
        await Store.EnqueueAsync(
            [
                Message("w-1", "later", t.AddMinutes(1), 1),
                Message("w-1", "b", t, 3),
                Message("w-1", "a", t, 2),
                Message("w-1", "early", t.AddMinutes(-1), 9),
                Message("w-1", "done", t.AddMinutes(-2), 4, WebhookMessageStatus.Delivered),
                Message("w-1", "failed", t.AddMinutes(-2), 5, WebhookMessageStatus.Failed),
            ],
            CancellationToken.None);

        Assert.Equal(["w-1:early", "w-1:a", "w-1:b"], (await Store.ListDueAsync(t, 10, CancellationToken.None)).Select(m => m.Id));
        Assert.Equal(["w-1:early", "w-1:a"], (await Store.ListDueAsync(t, 2, CancellationToken.None)).Select(m => m.Id));
    }

    [Fact]
    public async Task Of_two_saves_of_one_message_over_the_same_version_one_wins()
    {
        await Store.AddAsync(Subscription("w-1"), CancellationToken.None);
        await Store.EnqueueAsync([Message("w-1", "e-1", Populated.At, 1)], CancellationToken.None);
        var sender = (await Store.GetMessageAsync("w-1:e-1", CancellationToken.None))!;
        var replay = (await Store.GetMessageAsync("w-1:e-1", CancellationToken.None))!;
        sender.Status = WebhookMessageStatus.Delivered;
        replay.NextAttemptAt = Populated.At.AddHours(1);

        var results = await Task.WhenAll(Store.SaveMessageAsync(sender, CancellationToken.None), Store.SaveMessageAsync(replay, CancellationToken.None));

        Assert.Single(results, won => won);
        Assert.Equal(2, (await Store.GetMessageAsync("w-1:e-1", CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task Saving_many_messages_writes_each_still_at_its_version_and_names_them()
    {
        await Store.AddAsync(Subscription("w-1"), CancellationToken.None);
        await Store.EnqueueAsync([Message("w-1", "e-1", Populated.At, 1), Message("w-1", "e-2", Populated.At, 2), Message("w-1", "e-3", Populated.At, 3)], CancellationToken.None);
        var read = new List<WebhookMessage>();
        foreach (var id in new[] { "w-1:e-1", "w-1:e-2", "w-1:e-3" })
        {
            read.Add((await Store.GetMessageAsync(id, CancellationToken.None))!);
        }

        var replayed = (await Store.GetMessageAsync("w-1:e-2", CancellationToken.None))!;
        Assert.True(await Store.SaveMessageAsync(replayed, CancellationToken.None));
        read.ForEach(m => m.Status = WebhookMessageStatus.Delivered);

        var saved = await Store.SaveMessagesAsync(read, CancellationToken.None);

        Assert.Equal(["w-1:e-1", "w-1:e-3"], saved.Order(StringComparer.Ordinal));
        Assert.Equal([2L, 1L, 2L], read.Select(m => m.Version));
        PropertyAssert.Same(read[0], await Store.GetMessageAsync("w-1:e-1", CancellationToken.None));
        Assert.Equal(WebhookMessageStatus.Pending, (await Store.GetMessageAsync("w-1:e-2", CancellationToken.None))!.Status);
        Assert.Empty(await Store.SaveMessagesAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task Subscriptions_are_listed_oldest_first_and_removing_one_removes_its_messages()
    {
        await Store.AddAsync(Subscription("w-2", Populated.At.AddMinutes(1)), CancellationToken.None);
        await Store.AddAsync(Subscription("w-1"), CancellationToken.None);
        await Store.EnqueueAsync([Message("w-1", "e-1", Populated.At, 1), Message("w-2", "e-1", Populated.At, 2)], CancellationToken.None);

        Assert.Equal(["w-1", "w-2"], (await Store.ListAsync(CancellationToken.None)).Select(s => s.Id));
        await Store.DeleteAsync("w-1", CancellationToken.None);

        Assert.Equal(["w-2"], (await Store.ListAsync(CancellationToken.None)).Select(s => s.Id));
        Assert.Null(await Store.GetMessageAsync("w-1:e-1", CancellationToken.None));
        Assert.Equal(["w-2:e-1"], (await Store.ListDueAsync(Populated.At, 10, CancellationToken.None)).Select(m => m.Id));
    }
}

public sealed class WebhookStoreOnLiteDb : WebhookStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class WebhookStoreOnPostgreSql : WebhookStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
