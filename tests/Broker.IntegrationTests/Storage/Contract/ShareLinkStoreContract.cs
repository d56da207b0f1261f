using Broker.Sharing;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class ShareLinkStoreContract : StoreContract
{
    /// <summary>Whole milliseconds: the finest time both providers keep for a link (LiteDB keeps milliseconds).</summary>
    private static readonly DateTimeOffset Made = new(2026, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    [Fact]
    public async Task A_link_is_read_back_with_every_property_by_its_exact_code_only()
    {
        var links = Get<IShareLinkStore>();
        var made = await links.GetOrAddAsync(Link("aB3dE5gH7j", "199001012020121001", "item-1", Made.ToOffset(TimeSpan.FromHours(7))), CancellationToken.None);

        var stored = await links.GetAsync("aB3dE5gH7j", CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(("aB3dE5gH7j", "199001012020121001:item-1", "199001012020121001", "item-1", "dinkes"), (stored.Id, stored.Key, stored.Nip, stored.ItemId, stored.Opd));
        Assert.Equal(Made, stored.CreatedAt);
        Assert.Equal(made.Id, stored.Id);
        Assert.Null(await links.GetAsync("ab3de5gh7j", CancellationToken.None));
        Assert.Null(await links.GetAsync("AB3DE5GH7J", CancellationToken.None));
    }

    [Fact]
    public async Task Asking_again_for_the_same_asn_and_item_gives_the_first_link_and_another_item_gets_its_own()
    {
        var links = Get<IShareLinkStore>();
        var first = await links.GetOrAddAsync(Link("FirstCode1", "199001012020121001", "item-1", Made), CancellationToken.None);

        var again = await links.GetOrAddAsync(Link("OtherCode2", "199001012020121001", "item-1", Made.AddHours(1)), CancellationToken.None);
        var otherItem = await links.GetOrAddAsync(Link("OtherCode3", "199001012020121001", "item-2", Made), CancellationToken.None);

        Assert.Equal("FirstCode1", again.Id);
        Assert.Equal(Made, again.CreatedAt);
        Assert.Equal("OtherCode3", otherItem.Id);
        Assert.Null(await links.GetAsync("OtherCode2", CancellationToken.None));
        Assert.Equal(["FirstCode1", "OtherCode3"], (await links.ListAsync(null, null, CancellationToken.None)).Select(l => l.Id).Order(StringComparer.Ordinal));
        Assert.Equal(first.Id, again.Id);
    }

    [Fact]
    public async Task Many_requests_at_once_for_the_same_asn_and_item_all_get_one_link()
    {
        var links = Get<IShareLinkStore>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var asked = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await links.GetOrAddAsync(Link($"Race{i:D6}", "199001012020121001", "item-1", Made), CancellationToken.None);
        })).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(asked);

        var stored = Assert.Single(await links.ListAsync(null, null, CancellationToken.None));
        Assert.All(answers, answer => Assert.Equal(stored.Id, answer.Id));
    }

    [Fact]
    public async Task An_asns_links_to_several_items_are_made_at_once_for_those_without_one_and_the_standing_ones_kept()
    {
        var links = Get<IShareLinkStore>();
        const string nip = "199001012020121001";
        var standing = await links.GetOrAddAsync(Link("Standing01", nip, "item-2", Made), CancellationToken.None);

        var made = await links.GetOrAddAllAsync(
            [Link("BatchIt001", nip, "item-1", Made), Link("BatchIt002", nip, "item-2", Made), Link("BatchIt003", nip, "item-3", Made)], CancellationToken.None);

        Assert.Equal(["item-1", "item-2", "item-3"], made.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["BatchIt001", "Standing01", "BatchIt003"], new[] { "item-1", "item-2", "item-3" }.Select(i => made[i].Id));
        PropertyAssert.Same(standing, made["item-2"]);
        PropertyAssert.Same(Link("BatchIt003", nip, "item-3", Made), (await links.GetAsync("BatchIt003", CancellationToken.None))!);
        Assert.Equal(3, (await links.ListAsync(null, null, CancellationToken.None)).Count);
        Assert.Empty(await links.GetOrAddAllAsync([], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => links.GetOrAddAllAsync([Link("OtherAsn01", nip, "item-4", Made), Link("OtherAsn02", "199001012020121002", "item-4", Made)], CancellationToken.None));
    }

    [Fact]
    public async Task Many_first_views_at_once_of_the_same_asns_items_all_get_the_same_links()
    {
        var links = Get<IShareLinkStore>();
        const string nip = "199001012020121001";
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var asked = Enumerable.Range(0, 8).Select(view => Task.Run(async () =>
        {
            await start.Task;
            return await links.GetOrAddAllAsync([.. Enumerable.Range(0, 20).Select(i => Link($"View{view}It{i:D2}", nip, $"item-{i}", Made))], CancellationToken.None);
        })).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(asked);

        var stored = (await links.ListAsync(null, null, CancellationToken.None)).ToDictionary(l => l.ItemId, l => l.Id, StringComparer.Ordinal);
        Assert.Equal(20, stored.Count);
        Assert.All(answers, answer => Assert.Equal(stored.Select(s => (s.Key, s.Value)).Order(), answer.Select(a => (a.Key, a.Value.Id)).Order()));
    }

    [Fact]
    public async Task An_asns_links_to_several_items_are_found_in_one_call_and_items_without_one_or_other_asns_links_are_left_out()
    {
        var links = Get<IShareLinkStore>();
        await links.GetOrAddAsync(Link("AsnOneIt01", "199001012020121001", "item-1", Made), CancellationToken.None);
        await links.GetOrAddAsync(Link("AsnOneIt03", "199001012020121001", "item-3", Made.AddMinutes(1)), CancellationToken.None);
        await links.GetOrAddAsync(Link("AsnTwoIt02", "199001012020121002", "item-2", Made), CancellationToken.None);

        var found = await links.FindAsync("199001012020121001", ["item-1", "item-2", "item-3", "item-1"], CancellationToken.None);

        Assert.Equal(["item-1:AsnOneIt01", "item-3:AsnOneIt03"], found.Select(f => $"{f.Key}:{f.Value.Id}").Order(StringComparer.Ordinal));
        Assert.Equal(("199001012020121001", "item-3", "dinkes", Made.AddMinutes(1)), (found["item-3"].Nip, found["item-3"].ItemId, found["item-3"].Opd, found["item-3"].CreatedAt));
        Assert.Empty(await links.FindAsync("199001012020121002", ["item-1", "item-3"], CancellationToken.None));
        Assert.Empty(await links.FindAsync("199001012020121001", [], CancellationToken.None));
    }

    [Fact]
    public async Task Links_are_listed_in_the_order_they_were_made_from_the_start_of_the_period_up_to_its_end()
    {
        var links = Get<IShareLinkStore>();
        await links.GetOrAddAsync(Link("LinkAt0002", "199001012020121003", "item-1", Made.AddMinutes(2)), CancellationToken.None);
        await links.GetOrAddAsync(Link("LinkAt0000", "199001012020121001", "item-1", Made), CancellationToken.None);
        await links.GetOrAddAsync(Link("LinkAt0001", "199001012020121002", "item-1", Made.AddMinutes(1)), CancellationToken.None);

        Assert.Equal(["LinkAt0000", "LinkAt0001", "LinkAt0002"], (await links.ListAsync(null, null, CancellationToken.None)).Select(l => l.Id));
        Assert.Equal(["LinkAt0001"], (await links.ListAsync(Made.AddMinutes(1), Made.AddMinutes(2), CancellationToken.None)).Select(l => l.Id));
        Assert.Equal(["LinkAt0001", "LinkAt0002"], (await links.ListAsync(Made.AddMinutes(1), null, CancellationToken.None)).Select(l => l.Id));
        Assert.Equal(["LinkAt0000"], (await links.ListAsync(null, Made.AddMinutes(1), CancellationToken.None)).Select(l => l.Id));
    }

    internal static ShareLink Link(string code, string nip, string itemId, DateTimeOffset createdAt, string opd = "dinkes") =>
        new() { Id = code, Key = ShareLink.KeyOf(nip, itemId), Nip = nip, ItemId = itemId, Opd = opd, CreatedAt = createdAt };
}

public sealed class ShareLinkStoreOnLiteDb : ShareLinkStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class ShareLinkStoreOnPostgreSql : ShareLinkStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
