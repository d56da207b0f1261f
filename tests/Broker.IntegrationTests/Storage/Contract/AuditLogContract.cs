using Broker.Audit;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class AuditLogContract : StoreContract
{
    private IAuditLog Log => Get<IAuditLog>();

    [Fact]
    public async Task An_entry_is_read_back_with_every_property()
    {
        var entry = Populated.Audit("e-1");
        PropertyAssert.FullyPopulated(entry);

        await Log.WriteAsync(entry, CancellationToken.None);

        PropertyAssert.Same(entry, Assert.Single(await Log.QueryAsync(new AuditQuery(), CancellationToken.None)));
    }

    [Fact]
    public async Task Entries_are_queried_by_exact_object_actor_and_a_time_range_from_inclusive_to_exclusive_oldest_first()
    {
        var t = Populated.At;
        await Log.WriteAsync(Populated.Audit("e-1", "item-1", "ani", t.AddMinutes(3)), CancellationToken.None);
        await Log.WriteAsync(Populated.Audit("e-2", "item-1", "budi", t.AddMinutes(1)), CancellationToken.None);
        await Log.WriteAsync(Populated.Audit("e-3", "item-2", "ani", t.AddMinutes(2)), CancellationToken.None);
        await Log.WriteAsync(Populated.Audit("e-4", "Item-1", "ani", t), CancellationToken.None);

        Assert.Equal(["e-4", "e-2", "e-3", "e-1"], await IdsAsync(new AuditQuery()));
        Assert.Equal(["e-2", "e-1"], await IdsAsync(new AuditQuery(ObjectId: "item-1")));
        Assert.Equal(["e-4", "e-3", "e-1"], await IdsAsync(new AuditQuery(Actor: "ani")));
        Assert.Equal(["e-2", "e-3"], await IdsAsync(new AuditQuery(From: t.AddMinutes(1), To: t.AddMinutes(3))));
        Assert.Equal(["e-3"], await IdsAsync(new AuditQuery(ObjectId: "item-2", Actor: "ani", From: t)));
        Assert.Equal(["e-4", "e-2"], await IdsAsync(new AuditQuery(Limit: 2)));
    }

    [Fact]
    public async Task Entries_of_a_period_are_read_a_page_at_a_time_in_id_order()
    {
        var t = Populated.At;
        foreach (var (id, minutes) in new[] { ("e-3", 0), ("e-1", 1), ("e-5", 2), ("e-2", 3), ("e-4", 9) })
        {
            await Log.WriteAsync(Populated.Audit(id, at: t.AddMinutes(minutes)), CancellationToken.None);
        }

        var first = await Log.ListPageAsync(t, t.AddMinutes(9), null, 3, CancellationToken.None);
        var second = await Log.ListPageAsync(t, t.AddMinutes(9), first[^1].Id, 3, CancellationToken.None);

        Assert.Equal(["e-1", "e-2", "e-3"], first.Select(e => e.Id));
        Assert.Equal(["e-5"], second.Select(e => e.Id));
        PropertyAssert.Same(Populated.Audit("e-1", at: t.AddMinutes(1)), first[0]);
    }

    [Fact]
    public async Task Entries_are_paged_by_time_and_id_either_way_through_entries_of_the_same_moment_with_filters()
    {
        var t = Populated.At;
        foreach (var (id, minutes, objectId) in new[] { ("e-4", 0, "item-1"), ("e-2", 1, "item-2"), ("e-3", 1, "item-1"), ("e-1", 1, "item-1"), ("e-5", 2, "item-1") })
        {
            await Log.WriteAsync(Populated.Audit(id, objectId, at: t.AddMinutes(minutes)), CancellationToken.None);
        }

        Assert.Equal(["e-5", "e-3", "e-2", "e-1", "e-4"], await WalkAsync(new AuditQuery(Limit: 2), newestFirst: true));
        Assert.Equal(["e-4", "e-1", "e-2", "e-3", "e-5"], await WalkAsync(new AuditQuery(Limit: 2), newestFirst: false));
        Assert.Equal(["e-5", "e-3", "e-1", "e-4"], await WalkAsync(new AuditQuery(ObjectId: "item-1", Limit: 1), newestFirst: true));
        Assert.Equal(["e-1", "e-2", "e-3"], await WalkAsync(new AuditQuery(From: t.AddMinutes(1), To: t.AddMinutes(2), Limit: 2), newestFirst: false));
        Assert.Equal(["e-3", "e-2", "e-1"], await WalkAsync(new AuditQuery(From: t.AddMinutes(1), To: t.AddMinutes(2), Limit: 2), newestFirst: true));
        Assert.Equal(["e-1", "e-2", "e-3", "e-5"], await WalkAsync(new AuditQuery(From: t.AddMinutes(1), Limit: 3), newestFirst: false));
        Assert.Equal(["e-3", "e-2", "e-1", "e-4"], await WalkAsync(new AuditQuery(To: t.AddMinutes(2), Limit: 3), newestFirst: true));
        Assert.Equal(["e-4", "e-1", "e-3"], await WalkAsync(new AuditQuery(ObjectId: "item-1", To: t.AddMinutes(2), Limit: 1), newestFirst: false));
        Assert.Empty(await WalkAsync(new AuditQuery(Actor: "nobody", Limit: 2), newestFirst: true));
    }

    private async Task<List<string>> WalkAsync(AuditQuery query, bool newestFirst)
    {
        var ids = new List<string>();
        for (AuditCursor? cursor = null; ;)
        {
            var page = await Log.PageAsync(query, cursor, newestFirst, CancellationToken.None);
            Assert.True(page.Count <= query.Limit);
            ids.AddRange(page.Select(e => e.Id));
            if (page.Count < query.Limit)
            {
                return ids;
            }

            cursor = AuditCursor.Of(page[^1]);
        }
    }

    private async Task<string[]> IdsAsync(AuditQuery query) => [.. (await Log.QueryAsync(query, CancellationToken.None)).Select(e => e.Id)];
}

public sealed class AuditLogOnLiteDb : AuditLogContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class AuditLogOnPostgreSql : AuditLogContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
