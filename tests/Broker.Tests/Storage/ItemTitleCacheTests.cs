using Broker.Storage.LiteDb;

namespace Broker.Tests.Storage;

public sealed class ItemTitleCacheTests
{
    [Fact]
    public void Titles_read_before_a_change_was_stored_are_not_kept_and_a_change_forgets_the_title_kept()
    {
        var cache = new ItemTitleCache();
        var before = cache.Epoch;
        cache.Forget(["item-2"]); // another item's change stored while this read ran

        cache.Keep(before, [KeyValuePair.Create("item-1", "old")]);
        Assert.False(cache.TryGet("item-1", out _));

        cache.Keep(cache.Epoch, [KeyValuePair.Create("item-1", "read after")]);
        Assert.True(cache.TryGet("item-1", out var kept));
        Assert.Equal("read after", kept);

        cache.Forget(["item-1"]);
        Assert.False(cache.TryGet("item-1", out _));
    }

    [Fact]
    public void Past_its_capacity_the_cache_starts_again_empty_and_never_holds_more()
    {
        var cache = new ItemTitleCache();
        cache.Keep(cache.Epoch, Enumerable.Range(0, ItemTitleCache.Capacity).Select(i => KeyValuePair.Create($"item-{i}", $"title {i}")));
        Assert.True(cache.TryGet($"item-{ItemTitleCache.Capacity - 1}", out _));

        cache.Keep(cache.Epoch, [KeyValuePair.Create("one-more", "title")]);

        Assert.True(cache.TryGet("one-more", out _));
        Assert.False(cache.TryGet("item-0", out _));
    }
}
