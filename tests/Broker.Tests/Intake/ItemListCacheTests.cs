using Broker.Intake;
using Broker.Storage;
using Broker.Storage.LiteDb;
using Microsoft.Extensions.Options;

namespace Broker.Tests.Intake;

public sealed class ItemListCacheTests
{
    private readonly CollectionVersions versions = new();

    [Fact]
    public void An_answer_is_given_again_only_at_the_version_it_was_read_at()
    {
        var cache = Cache(1024);
        var readAt = cache.Version()!.Value;
        cache.Keep("editor /api/items", readAt, [1, 2, 3], null);

        Assert.Equal([1, 2, 3], cache.Find("editor /api/items", readAt)!.Json);
        Assert.Null(cache.Find("reporter /api/items", readAt));

        versions.Moved("deliveries");
        Assert.NotEqual(readAt, cache.Version());
        Assert.Null(cache.Find("editor /api/items", cache.Version()!.Value));
        versions.Moved("clicks");
        Assert.Equal(cache.Version(), cache.Version());
        Assert.Equal((1L, 2L), cache.Counts);
    }

    [Fact]
    public void An_answer_read_before_a_newer_one_was_kept_is_not_kept_and_a_newer_one_drops_the_older_ones()
    {
        var cache = Cache(1024);
        var old = cache.Version()!.Value;
        versions.Moved("items");
        var current = cache.Version()!.Value;

        cache.Keep("a", current, [1], null);
        cache.Keep("b", old, [2], null); // a slow reader's, read before the change
        Assert.Null(cache.Find("b", old));
        Assert.NotNull(cache.Find("a", current));

        versions.Moved("items");
        var newest = cache.Version()!.Value;
        cache.Keep("b", newest, [3], new PageCursor(DateTimeOffset.UnixEpoch, "item-9"));
        Assert.Null(cache.Find("a", current));
        Assert.Equal(new PageCursor(DateTimeOffset.UnixEpoch, "item-9"), cache.Find("b", newest)!.Next);
    }

    [Fact]
    public void Answers_are_kept_within_the_budget_the_least_recently_used_out_first_and_one_larger_than_it_never()
    {
        var cache = Cache(10);
        var at = cache.Version()!.Value;
        cache.Keep("a", at, new byte[4], null);
        cache.Keep("b", at, new byte[4], null);
        Assert.NotNull(cache.Find("a", at));

        cache.Keep("c", at, new byte[4], null);
        Assert.NotNull(cache.Find("a", at));
        Assert.Null(cache.Find("b", at));
        Assert.NotNull(cache.Find("c", at));

        cache.Keep("d", at, new byte[11], null);
        Assert.Null(cache.Find("d", at));
        Assert.NotNull(cache.Find("a", at));
    }

    [Fact]
    public void An_answer_is_worth_keeping_from_the_second_time_it_is_asked_at_one_version()
    {
        var cache = Cache(1024);
        var at = cache.Version()!.Value;
        Assert.False(cache.Wanted("a", at));
        Assert.False(cache.Wanted("b", at));
        Assert.True(cache.Wanted("a", at));

        versions.Moved("items");
        var later = cache.Version()!.Value;
        Assert.False(cache.Wanted("b", later));
        Assert.True(cache.Wanted("b", later));
    }

    [Fact]
    public void Without_versions_or_bytes_the_cache_is_off()
    {
        Assert.Null(new ItemListCache(Options.Create(new StorageOptions())).Version());
        Assert.Null(Cache(0).Version());
    }

    private ItemListCache Cache(long bytes) => new(Options.Create(new StorageOptions { ItemListCacheBytes = bytes }), versions);
}
