using Broker.Dispatch;
using Broker.Intake;
using Broker.Storage;
using Broker.Storage.LiteDb;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// The lists start-up recovery reads in batches, on a real LiteDB file: every row it asks for once, none of the others,
/// whatever the batches cut through.
/// </summary>
public sealed class ProjectionReadTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    private readonly ScratchDatabase file = new("broker-projection-");
    private readonly BrokerDatabase database;

    public ProjectionReadTests()
    {
        database = file.Open();
    }

    [Fact]
    public async Task Pending_deliveries_are_read_once_each_with_what_scheduling_needs_across_batches()
    {
        var store = new LiteDbDeliveryStore(database);
        var rows = new List<Delivery>();
        rows.AddRange(Deliveries("burst", 700, DeliveryStatus.Scheduled, _ => Start));
        rows.AddRange(Deliveries("spread", 300, DeliveryStatus.Retrying, i => Start + TimeSpan.FromMilliseconds(i + 1)));
        rows.AddRange(Deliveries("second-burst", 600, DeliveryStatus.Scheduled, _ => Start + TimeSpan.FromSeconds(1)));
        rows.AddRange(Deliveries("publishing", 10, DeliveryStatus.Publishing, _ => Start + TimeSpan.FromSeconds(2)).Select(d =>
        {
            d.NeedsReconcile = true;
            return d;
        }));
        rows.AddRange(Deliveries("published", 400, DeliveryStatus.Published, _ => Start));
        rows.AddRange(Deliveries("failed", 100, DeliveryStatus.Failed, _ => Start + TimeSpan.FromSeconds(1)));
        rows.AddRange(Deliveries("held", 50, DeliveryStatus.Held, i => Start + TimeSpan.FromMilliseconds(i)));
        rows.AddRange(Deliveries("cancelled", 50, DeliveryStatus.Cancelled, _ => Start + TimeSpan.FromSeconds(2)));
        await store.AddManyAsync([.. rows.OrderBy(_ => Random.Shared.Next())], CancellationToken.None);
        var pending = rows.Where(d => d.Status is DeliveryStatus.Scheduled or DeliveryStatus.Retrying or DeliveryStatus.Publishing).ToList();

        var all = await ReadAsync(store.ListPendingAsync(CancellationToken.None));
        Assert.True(rows.Count > 4 * 500, "several batches");
        Assert.Equal(pending.Select(d => d.Id).Order(), all.Select(d => d.Id).Order());
        Assert.All(all, d =>
        {
            var stored = pending.Single(p => p.Id == d.Id);
            Assert.Equal((stored.ItemId, stored.Status, stored.DueAt, stored.NeedsReconcile), (d.ItemId, d.Status, d.DueAt, d.NeedsReconcile));
        });
    }

    [Fact]
    public async Task A_delivery_that_leaves_the_pending_states_is_no_longer_read()
    {
        var store = new LiteDbDeliveryStore(database);
        var rows = Deliveries("d", 3, DeliveryStatus.Scheduled, i => Start + TimeSpan.FromMinutes(i)).ToList();
        await store.AddManyAsync(rows, CancellationToken.None);
        rows[1].Status = DeliveryStatus.Published;
        await store.UpdateAsync(rows[1], CancellationToken.None);
        rows[2].DueAt = Start - TimeSpan.FromMinutes(1);
        await store.UpdateAsync(rows[2], CancellationToken.None);

        var all = await ReadAsync(store.ListPendingAsync(CancellationToken.None));
        Assert.Equal([rows[0].Id, rows[2].Id], all.Select(d => d.Id).Order());
        Assert.Equal(Start - TimeSpan.FromMinutes(1), all.Single(d => d.Id == rows[2].Id).DueAt);
    }

    [Fact]
    public async Task Approved_items_are_read_once_each_with_their_account_counts_across_batches()
    {
        var store = new LiteDbItemStore(database);
        var items = new List<Item>();
        for (var i = 0; i < 1_700; i++)
        {
            var status = i % 5 == 0 ? ItemStatus.Published : i % 7 == 0 ? ItemStatus.Submitted : ItemStatus.Approved;
            items.Add(Item($"item-{i:D5}", status, accounts: 1 + (i % 3)));
        }

        database.Write(() => database.Collection<Item>("items").InsertBulk(items));
        var approved = items.Where(i => i.Status == ItemStatus.Approved).ToList();

        var read = await ReadAsync(store.ListApprovedAsync(CancellationToken.None));
        Assert.True(approved.Count > 1_000, "more than two batches");
        Assert.Equal(approved.Select(i => i.Id).Order(), read.Select(i => i.Id).Order());
        Assert.All(read, r => Assert.Equal(approved.Single(i => i.Id == r.Id).AccountIds.Count, r.AccountCount));
    }

    [Fact]
    public async Task The_deliveries_pages_rows_are_read_through_a_due_time_index_in_its_order_and_only_their_fields()
    {
        var store = new LiteDbDeliveryStore(database);
        await store.AddManyAsync([.. Deliveries("published", 50, DeliveryStatus.Published, i => Start + TimeSpan.FromMinutes(i))], CancellationToken.None);
        DeliveryStatus[] calendar = [DeliveryStatus.Scheduled, DeliveryStatus.Published, DeliveryStatus.Held];

        foreach (var (query, index) in new[]
        {
            (new DeliveryListQuery(calendar, From: Start, To: Start.AddDays(1)), "DueAt"),
            (new DeliveryListQuery([DeliveryStatus.Failed, DeliveryStatus.Held], LatestFirst: true), "ProblemDue"),
            (new DeliveryListQuery([DeliveryStatus.Failed], ["acc-1"]), "ProblemDue"),
        })
        {
            var plan = store.PlanOfRows(query);
            Assert.True(plan["index"]["name"].AsString == index, $"{index} expected: {plan}");
            Assert.True(plan["orderBy"].IsNull, $"in the index's order, unsorted: {plan}");
            Assert.DoesNotContain("$", plan["lookup"]["fields"].AsArray.Select(f => f.AsString));
        }
    }

    [Fact]
    public async Task The_items_open_for_sharing_are_read_through_the_index_of_their_ends_without_the_years_of_ended_ones()
    {
        // An older database's index of the share time, which read every item ever shared, is dropped.
        database.Write(() => database.Database.GetCollection(LiteDbItemStore.Name).EnsureIndex("SharedAt", "$.SharedAt"));
        var store = new LiteDbItemStore(database);
        for (var i = 0; i < 300; i++)
        {
            var open = i % 60 == 0;
            await store.AddAsync(
                new Item
                {
                    Id = $"item-{i:D3}",
                    Opd = "dinkes",
                    Title = $"Kegiatan {i}",
                    Body = "Isi",
                    CreatedAt = Start.AddDays(i - 300),
                    SharedAt = i % 3 == 0 ? Start.AddDays(i - 300) : null,
                    ShareUntil = i % 3 != 0 ? null : open ? Start.AddDays(1) : Start.AddDays(i - 299),
                },
                CancellationToken.None);
        }

        var plan = store.PlanOfOpen(Start);
        Assert.True(plan["index"]["name"].AsString == "OpenUntil", $"the open items' index expected: {plan}");
        Assert.True(plan["index"]["mode"].AsString.Contains('>', StringComparison.Ordinal), $"a range of it from the time read: {plan}");
        Assert.Equal(["item-240", "item-180", "item-120", "item-060", "item-000"], (await store.ListOpenAsync(Start, 10, CancellationToken.None)).Select(i => i.Id));
        Assert.DoesNotContain(database.Database.GetCollection("$indexes").FindAll(), i => i["collection"] == LiteDbItemStore.Name && i["name"] == "SharedAt");
        Assert.Equal("$.OpenUntil", IndexExpression(LiteDbItemStore.Name, "OpenUntil"));
    }

    [Fact]
    public async Task An_older_databases_index_on_the_open_items_expression_becomes_an_index_on_their_stored_ends()
    {
        // As the previous release left it: the index on the expression, and documents without the key.
        var mapper = database.Database.Mapper;
        var raw = database.Database.GetCollection(LiteDbItemStore.Name);
        database.Write(() =>
        {
            raw.EnsureIndex("OpenUntil", IndexKeys.OpenUntilExpression);
            for (var i = 0; i < 40; i++)
            {
                var document = mapper.ToDocument(new Item
                {
                    Id = $"item-{i:D3}",
                    Opd = "dinkes",
                    Title = $"Kegiatan {i}",
                    Body = "Isi",
                    CreatedAt = Start.AddDays(i - 40),
                    SharedAt = i % 2 == 0 ? Start.AddDays(i - 40) : null,
                    ShareUntil = i % 4 == 0 ? null : Start.AddDays(i % 8 == 2 ? 1 : -1),
                    RetractedAt = i == 20 ? Start : null,
                });
                document.Remove("OpenUntil");
                raw.Insert(document);
            }

            return true;
        });

        var store = new LiteDbItemStore(database);

        Assert.Equal("$.OpenUntil", IndexExpression(LiteDbItemStore.Name, "OpenUntil"));
        // Shared, not retracted: without an end (every fourth), or ending after now (i % 8 == 2).
        string[] open = ["item-036", "item-034", "item-032", "item-028", "item-026", "item-024", "item-018", "item-016", "item-012", "item-010", "item-008", "item-004", "item-002", "item-000"];
        Assert.Equal(open, (await store.ListOpenAsync(Start, 100, CancellationToken.None)).Select(i => i.Id));
        Assert.Equal(IndexKeys.NoEnd, raw.FindById("item-004")["OpenUntil"].AsDateTime.ToUniversalTime());
        Assert.True(raw.FindById("item-001")["OpenUntil"].IsNull, "an item never shared has no key");
        Assert.Equal("OpenUntil", store.PlanOfOpen(Start)["index"]["name"].AsString);

        // A start after that finds the upgrade done, and a change written through the mapper keeps the key current.
        _ = new LiteDbItemStore(database);
        var closed = (await store.GetAsync("item-000", CancellationToken.None))!;
        closed.ShareUntil = Start.AddDays(-2);
        await store.UpdateAsync(closed, CancellationToken.None);
        Assert.DoesNotContain("item-000", (await store.ListOpenAsync(Start, 100, CancellationToken.None)).Select(i => i.Id));
    }

    [Fact]
    public async Task An_older_databases_index_on_the_problem_deliveries_expression_becomes_an_index_on_their_stored_due_times()
    {
        var mapper = database.Database.Mapper;
        var raw = database.Database.GetCollection(LiteDbDeliveryStore.Name);
        DeliveryStatus[] statuses = [DeliveryStatus.Failed, DeliveryStatus.Published, DeliveryStatus.Held, DeliveryStatus.Scheduled];
        database.Write(() =>
        {
            raw.EnsureIndex("ProblemDue", IndexKeys.ProblemDueExpression);
            foreach (var (delivery, i) in Deliveries("old", 40, DeliveryStatus.Published, i => Start + TimeSpan.FromMinutes(i)).Select((d, i) => (d, i)))
            {
                delivery.Status = statuses[i % 4];
                var document = mapper.ToDocument(delivery);
                document.Remove("ProblemDue");
                raw.Insert(document);
            }

            return true;
        });

        var store = new LiteDbDeliveryStore(database);

        Assert.Equal("$.ProblemDue", IndexExpression(LiteDbDeliveryStore.Name, "ProblemDue"));
        var query = new DeliveryListQuery([DeliveryStatus.Failed, DeliveryStatus.Held]);
        Assert.Equal("ProblemDue", store.PlanOfRows(query)["index"]["name"].AsString);
        var problems = await store.ListPageAsync(query, null, 100, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 40).Where(i => i % 2 == 0).Select(i => $"old-{i:D4}"), problems.Rows.Select(d => d.Id));
        Assert.True(raw.FindById("old-0001")["ProblemDue"].IsNull, "a published delivery has no key");

        // A delivery that fails later is keyed when it is written.
        var late = (await store.GetAsync("old-0001", CancellationToken.None))!;
        late.Status = DeliveryStatus.Failed;
        await store.UpdateAsync(late, CancellationToken.None);
        Assert.Contains("old-0001", (await store.ListPageAsync(query, null, 100, CancellationToken.None)).Rows.Select(d => d.Id));
    }

    private string IndexExpression(string collection, string name) =>
        database.Database.GetCollection("$indexes").FindAll().Single(i => i["collection"] == collection && i["name"] == name)["expression"].AsString;

    public void Dispose()
    {
        database.Dispose();
        file.Dispose();
    }

    private static async Task<List<T>> ReadAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var row in source)
        {
            list.Add(row);
        }

        return list;
    }

    private static IEnumerable<Delivery> Deliveries(string prefix, int count, DeliveryStatus status, Func<int, DateTimeOffset> due) =>
        Enumerable.Range(0, count).Select(i => new Delivery
        {
            Id = $"{prefix}-{i:D4}",
            ItemId = $"item-{prefix}-{i % 10}",
            AccountId = "page",
            Platform = "facebook",
            Status = status,
            ScheduledAt = due(i),
            DueAt = due(i),
            Text = "Teks yang tidak dibaca oleh daftar ini.",
            CreatedAt = Start,
            UpdatedAt = Start,
        });

    private static Item Item(string id, ItemStatus status, int accounts) => new()
    {
        Id = id,
        Opd = "diskominfo",
        Title = "Judul",
        Body = "Isi berita yang tidak dibaca oleh daftar ini.",
        AccountIds = [.. Enumerable.Range(0, accounts).Select(a => $"page-{a}")],
        Status = status,
        CreatedAt = Start,
        UpdatedAt = Start,
    };
}
