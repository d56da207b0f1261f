using Broker.Engagement;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class EngagementStoreContract : StoreContract
{
    /// <summary>Whole milliseconds: the finest time both providers keep.</summary>
    private static readonly DateTimeOffset Published = new(2026, 11, 2, 8, 0, 0, 125, TimeSpan.Zero);

    [Fact]
    public async Task A_reading_is_read_back_with_every_property_and_planning_it_twice_stores_it_once()
    {
        var store = Get<IEngagementStore>();
        var read = Read("del-1", TimeSpan.FromHours(1));
        read.Version = 2;
        read.Attempts = 1;
        read.Status = MetricsReadStatus.Done;
        read.ClaimedBy = "node-a";
        read.ReadAt = Published.AddHours(1);
        read.Values = new() { ["reach"] = 42, ["views"] = 60 };
        read.Skipped = ["impressions"];
        read.Totals = new EngagementTotals { Reach = 42, Views = 60, Interactions = 9 };
        read.Error = "Earlier failure.";
        PropertyAssert.FullyPopulated(read);
        await store.AddReadsAsync([read], CancellationToken.None);

        var again = Read("del-1", TimeSpan.FromHours(1));
        await store.AddReadsAsync([again, Read("del-1", TimeSpan.FromHours(24))], CancellationToken.None);

        PropertyAssert.Same(read, await store.GetReadAsync(read.Id, CancellationToken.None));
        Assert.Null(await store.GetReadAsync(read.Id.ToUpperInvariant(), CancellationToken.None));
        Assert.Equal(2, (await store.ListReadsAsync(Published, Published.AddSeconds(1), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task The_due_readings_are_listed_earliest_first_up_to_the_limit_and_done_ones_never()
    {
        var store = Get<IEngagementStore>();
        var done = Read("del-0", TimeSpan.FromMinutes(10));
        done.Status = MetricsReadStatus.Done;
        await store.AddReadsAsync(
            [Read("del-1", TimeSpan.FromHours(24)), Read("del-2", TimeSpan.FromHours(1)), Read("del-3", TimeSpan.FromMinutes(30)), done, Read("del-4", TimeSpan.FromDays(7))],
            CancellationToken.None);

        var now = Published.AddDays(1);
        Assert.Equal(["del-3", "del-2", "del-1"], (await store.ListDueReadsAsync(now, 10, CancellationToken.None)).Select(r => r.DeliveryId));
        Assert.Equal(["del-3", "del-2"], (await store.ListDueReadsAsync(now, 2, CancellationToken.None)).Select(r => r.DeliveryId));
    }

    [Fact]
    public async Task Of_two_claims_of_one_reading_only_one_is_written()
    {
        var store = Get<IEngagementStore>();
        await store.AddReadsAsync([Read("del-1", TimeSpan.FromHours(1))], CancellationToken.None);
        var first = (await store.GetReadAsync(MetricsRead.IdOf("del-1", TimeSpan.FromHours(1)), CancellationToken.None))!;
        var second = (await store.GetReadAsync(first.Id, CancellationToken.None))!;
        first.ClaimedBy = "node-a";
        second.ClaimedBy = "node-b";

        var won = await Task.WhenAll(Task.Run(() => store.UpdateReadAsync(first, CancellationToken.None)), Task.Run(() => store.UpdateReadAsync(second, CancellationToken.None)));

        Assert.Single(won, w => w);
        var stored = (await store.GetReadAsync(first.Id, CancellationToken.None))!;
        Assert.Equal(1, stored.Version);
        Assert.Equal(won[0] ? "node-a" : "node-b", stored.ClaimedBy);
    }

    [Fact]
    public async Task A_native_post_is_stored_once_per_account_and_platform_id_and_an_import_again_updates_its_metrics()
    {
        var store = Get<IEngagementStore>();
        var post = Native("acc-1", "111_222", "dinkes", Published);
        post.Permalink = "https://www.facebook.com/111/posts/222";
        post.Excerpt = "Posyandu keliling";
        post.Values = new() { ["reactions"] = 3 };
        post.Totals = new EngagementTotals { Reach = 10, Views = 10, Interactions = 3 };
        PropertyAssert.FullyPopulated(post);

        Assert.True(await store.SaveNativeAsync(post, CancellationToken.None));
        var later = Native("acc-1", "111_222", "dinkes", Published);
        later.FirstSeenAt = Published.AddHours(6);
        later.Values = new() { ["reactions"] = 8 };
        Assert.False(await store.SaveNativeAsync(later, CancellationToken.None));
        Assert.True(await store.SaveNativeAsync(Native("acc-2", "111_222", "dishub", Published), CancellationToken.None));

        var dinkes = Assert.Single(await store.ListNativeAsync(Published, Published.AddDays(1), "dinkes", CancellationToken.None));
        Assert.Equal(8, dinkes.Values["reactions"]);
        Assert.Equal(Published, dinkes.FirstSeenAt);
        Assert.Equal(2, (await store.ListNativeAsync(Published, Published.AddDays(1), null, CancellationToken.None)).Count);
        Assert.Empty(await store.ListNativeAsync(Published.AddDays(1), Published.AddDays(2), null, CancellationToken.None));
        Assert.True(await store.DeleteNativeAsync(dinkes.Id, CancellationToken.None));
        Assert.False(await store.DeleteNativeAsync(dinkes.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Of_two_nodes_saving_a_new_account_state_or_one_version_only_one_wins()
    {
        var store = Get<IEngagementStore>();
        var a = new AccountEngagement { Id = "acc-1", NextImportAt = Published };
        var b = new AccountEngagement { Id = "acc-1", NextImportAt = Published.AddHours(1) };

        var inserted = await Task.WhenAll(Task.Run(() => store.SaveAccountAsync(a, CancellationToken.None)), Task.Run(() => store.SaveAccountAsync(b, CancellationToken.None)));

        Assert.Single(inserted, w => w);
        var first = (await store.GetAccountAsync("acc-1", CancellationToken.None))!;
        var second = (await store.GetAccountAsync("acc-1", CancellationToken.None))!;
        first.NotPermitted = "Graph error 10";
        first.PausedUntil = Published.AddDays(1);
        second.LastImportAt = Published;
        var updated = await Task.WhenAll(Task.Run(() => store.SaveAccountAsync(first, CancellationToken.None)), Task.Run(() => store.SaveAccountAsync(second, CancellationToken.None)));

        Assert.Single(updated, w => w);
        var stored = Assert.Single(await store.ListAccountsAsync(CancellationToken.None));
        Assert.Equal(2, stored.Version);
        Assert.Equal(updated[0] ? "Graph error 10" : null, stored.NotPermitted);
    }

    private static MetricsRead Read(string deliveryId, TimeSpan age) => new()
    {
        Id = MetricsRead.IdOf(deliveryId, age),
        DeliveryId = deliveryId,
        ItemId = "item-" + deliveryId,
        AccountId = "acc-1",
        Platform = "facebook",
        RemotePostId = "111_" + deliveryId,
        PublishedAt = Published,
        AgeMinutes = (int)age.TotalMinutes,
        DueAt = Published + age,
        Status = MetricsReadStatus.Due,
    };

    private static NativePost Native(string account, string postId, string opd, DateTimeOffset at) => new()
    {
        Id = NativePost.IdOf(account, postId),
        AccountId = account,
        Opd = opd,
        Platform = "facebook",
        PlatformPostId = postId,
        PublishedAt = at,
        FirstSeenAt = at,
        UpdatedAt = at,
    };
}

public sealed class EngagementStoreOnLiteDb : EngagementStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class EngagementStoreOnPostgreSql : EngagementStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
