using Broker.Feeds;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class FeedSubscriptionStoreContract : StoreContract
{
    /// <summary>Whole milliseconds: the finest time both providers keep (LiteDB keeps milliseconds).</summary>
    private static readonly DateTimeOffset Made = new(2026, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    [Fact]
    public async Task A_subscription_is_read_back_with_every_property_by_its_exact_id_only()
    {
        var store = Get<IFeedSubscriptionStore>();
        var subscription = Subscription("Sub-1", "dinkes", "https://dinkes.example.go.id/feed", Made);
        subscription.State = FeedState.Failing;
        subscription.Problem = "The feed answered 503.";
        subscription.Failures = 2;
        subscription.ETag = "\"abc\"";
        subscription.LastModified = "Sat, 14 Mar 2026 09:00:00 GMT";
        subscription.LastPolledAt = Made.AddMinutes(1);
        subscription.LastSucceededAt = Made;
        subscription.ItemsCreated = 3;
        subscription.Version = 4;
        PropertyAssert.FullyPopulated(subscription);
        await store.AddAsync(subscription, CancellationToken.None);

        var stored = await store.GetAsync("Sub-1", CancellationToken.None);

        PropertyAssert.Same(subscription, stored);
        Assert.Null(await store.GetAsync("sub-1", CancellationToken.None));
    }

    [Fact]
    public async Task A_second_subscription_of_one_opd_to_the_same_url_is_a_duplicate_but_another_opd_may_subscribe()
    {
        var store = Get<IFeedSubscriptionStore>();
        await store.AddAsync(Subscription("Sub-1", "dinkes", "https://portal.example.go.id/feed", Made), CancellationToken.None);

        await Assert.ThrowsAsync<DuplicateKeyException>(() => store.AddAsync(Subscription("Sub-2", "dinkes", "https://portal.example.go.id/feed", Made), CancellationToken.None));
        await store.AddAsync(Subscription("Sub-3", "dishub", "https://portal.example.go.id/feed", Made), CancellationToken.None);

        Assert.Equal(["Sub-1"], (await store.ListAsync("dinkes", CancellationToken.None)).Select(s => s.Id));
        Assert.Equal(["Sub-1", "Sub-3"], (await store.ListAsync(null, CancellationToken.None)).Select(s => s.Id));
    }

    [Fact]
    public async Task The_due_subscriptions_are_listed_longest_waiting_first_up_to_the_limit()
    {
        var store = Get<IFeedSubscriptionStore>();
        foreach (var (id, due) in new[] { ("Later", 5), ("First", -10), ("Second", -1), ("Now", 0) })
        {
            var subscription = Subscription(id, "dinkes", "https://portal.example.go.id/" + id, Made);
            subscription.NextPollAt = Made.AddMinutes(due);
            await store.AddAsync(subscription, CancellationToken.None);
        }

        Assert.Equal(["First", "Second", "Now"], (await store.ListDueAsync(Made, 10, CancellationToken.None)).Select(s => s.Id));
        Assert.Equal(["First", "Second"], (await store.ListDueAsync(Made, 2, CancellationToken.None)).Select(s => s.Id));
    }

    [Fact]
    public async Task Of_two_updates_over_one_version_only_one_is_written_and_a_delete_needs_the_current_version()
    {
        var store = Get<IFeedSubscriptionStore>();
        await store.AddAsync(Subscription("Sub-1", "dinkes", "https://portal.example.go.id/feed", Made), CancellationToken.None);
        var first = (await store.GetAsync("Sub-1", CancellationToken.None))!;
        var second = (await store.GetAsync("Sub-1", CancellationToken.None))!;
        first.ItemsCreated = 1;
        second.ItemsCreated = 2;

        var results = await Task.WhenAll(Task.Run(() => store.UpdateAsync(first, CancellationToken.None)), Task.Run(() => store.UpdateAsync(second, CancellationToken.None)));

        Assert.Single(results, won => won);
        var stored = (await store.GetAsync("Sub-1", CancellationToken.None))!;
        Assert.Equal(1, stored.Version);
        Assert.Equal(results[0] ? 1 : 2, stored.ItemsCreated);
        Assert.False(await store.DeleteAsync("Sub-1", 0, CancellationToken.None));
        Assert.True(await store.DeleteAsync("Sub-1", 1, CancellationToken.None));
        Assert.Null(await store.GetAsync("Sub-1", CancellationToken.None));
    }

    private static FeedSubscription Subscription(string id, string opd, string url, DateTimeOffset at) => new()
    {
        Id = id,
        Key = FeedSubscription.KeyOf(opd, url),
        Opd = opd,
        Url = url,
        Name = "Portal " + opd,
        AccountIds = ["acc-1", "acc-2"],
        CreatedBy = "user-1",
        CreatedAt = at,
        NextPollAt = at,
    };
}

public sealed class FeedSubscriptionStoreOnLiteDb : FeedSubscriptionStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class FeedSubscriptionStoreOnPostgreSql : FeedSubscriptionStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
