using Broker.Dispatch;
using Broker.Intake;
using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// On a real LiteDB file: the deliveries of a page of items are read as one range of their items' creation times, the
/// range counted on the index alone; a database written before deliveries kept that time is upgraded at start, a batch
/// per turn of the writer; every way a delivery enters the working collection keys it.
/// </summary>
public sealed class ItemSpanReadTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 1, 0, 0, 123, TimeSpan.Zero);

    private readonly ScratchDatabase file = new("broker-item-span-");
    private readonly BrokerDatabase database;

    public ItemSpanReadTests()
    {
        database = file.Open();
    }

    [Fact]
    public async Task An_older_databases_deliveries_get_their_items_creation_times_at_start_and_a_page_of_items_reads_them_as_one_range()
    {
        // 400 items, 3 deliveries each, stored as an older broker stored them: with no key; 30 of them keyed already (an
        // upgrade killed halfway). One item is archived, one delivery's item is gone.
        var mapper = database.Database.Mapper;
        var items = database.Database.GetCollection(LiteDbItemStore.Name);
        var archivedItems = database.Database.GetCollection(LiteDbArchiveStore.ItemsName);
        var raw = database.Database.GetCollection(LiteDbDeliveryStore.Name);
        database.Write(() =>
        {
            for (var i = 0; i < 400; i++)
            {
                (i == 17 ? archivedItems : items).Insert(mapper.ToDocument(Item(i)));
                foreach (var delivery in DeliveriesOf(i))
                {
                    var document = mapper.ToDocument(delivery);
                    if (i >= 30)
                    {
                        document.Remove(nameof(Delivery.ItemCreatedAt));
                    }

                    raw.Insert(document);
                }
            }

            var orphan = mapper.ToDocument(NewDelivery("orphan", "item-gone", Start.AddDays(-3)));
            orphan.Remove(nameof(Delivery.ItemCreatedAt));
            raw.Insert(orphan);
        });

        var store = new LiteDbDeliveryStore(database);

        Assert.Empty(raw.Find(Query.EQ(nameof(Delivery.ItemCreatedAt), BsonValue.Null)));
        for (var i = 0; i < 400; i += 13)
        {
            Assert.All(await store.ListByItemAsync(ItemId(i), CancellationToken.None), d => Assert.Equal(Item(i).CreatedAt, d.ItemCreatedAt));
        }

        Assert.Equal(Start.AddDays(-3), (await store.GetAsync("orphan", CancellationToken.None))!.ItemCreatedAt);

        // A page of fifty items in creation order: counted on the index alone, then read as one range of it.
        var page = Enumerable.Range(100, 50).Select(Item).ToList();
        var span = ItemSpan.Of(page);
        var (count, read) = store.PlansOfSpan(span);
        Assert.True(count["index"]["name"].AsString == nameof(Delivery.ItemCreatedAt) && count["lookup"]["loader"].AsString == "index", $"the count reads the index alone: {count}");
        Assert.True(read["index"]["name"].AsString == nameof(Delivery.ItemCreatedAt) && read["index"]["mode"].AsString.Contains("BETWEEN", StringComparison.OrdinalIgnoreCase), $"one range: {read}");
        Assert.Equal(
            page.SelectMany(i => DeliveriesOf(int.Parse(i.Id[5..], System.Globalization.CultureInfo.InvariantCulture))).Select(d => d.Id).Order(StringComparer.Ordinal),
            (await store.ListByItemsAsync(span, CancellationToken.None)).Select(d => d.Id).Order(StringComparer.Ordinal));

        // The archived item's deliveries, still in the working collection here, are read with the page around it.
        var aroundArchived = ItemSpan.Of([.. Enumerable.Range(15, 5).Select(Item)]);
        Assert.Equal(15, (await store.ListByItemsAsync(aroundArchived, CancellationToken.None)).Count);
        Assert.Equal(15, (await store.ListStatusesByItemsAsync(aroundArchived, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_delivery_added_without_its_items_time_is_given_it_and_one_restored_from_the_archive_too()
    {
        var store = new LiteDbDeliveryStore(database);
        var itemStore = new LiteDbItemStore(database);
        var archive = new LiteDbArchiveStore(database);
        await itemStore.AddAsync(Item(1), CancellationToken.None);
        var added = NewDelivery("added", ItemId(1), Start);
        added.ItemCreatedAt = null;

        await store.AddManyAsync([added], CancellationToken.None);

        Assert.Equal(Item(1).CreatedAt, (await store.GetAsync("added", CancellationToken.None))!.ItemCreatedAt);

        // An item archived by an older broker: its deliveries carry no key, and come back with one.
        var mapper = database.Database.Mapper;
        database.Write(() =>
        {
            database.Database.GetCollection(LiteDbArchiveStore.ItemsName).Insert(mapper.ToDocument(Item(2)));
            var old = mapper.ToDocument(NewDelivery("archived", ItemId(2), Start));
            old.Remove(nameof(Delivery.ItemCreatedAt));
            database.Database.GetCollection(LiteDbArchiveStore.DeliveriesName).Insert(old);
        });

        Assert.True(await archive.RestoreAsync(ItemId(2), CancellationToken.None));

        Assert.Equal(Item(2).CreatedAt, (await store.GetAsync("archived", CancellationToken.None))!.ItemCreatedAt);
        Assert.Equal(["added", "archived"], (await store.ListByItemsAsync(ItemSpan.Of([Item(1), Item(2)]), CancellationToken.None)).Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_delivery_read_without_its_items_time_and_changed_afterwards_is_stored_with_it()
    {
        var store = new LiteDbDeliveryStore(database);
        await new LiteDbItemStore(database).AddAsync(Item(3), CancellationToken.None);
        await store.AddManyAsync([NewDelivery("changed", ItemId(3), Start)], CancellationToken.None);
        var read = (await store.GetAsync("changed", CancellationToken.None))!;
        read.ItemCreatedAt = null; // as a delivery read before the start's upgrade
        read.Status = DeliveryStatus.Failed;

        Assert.True(await new LiteDbStateChanges(database, new Broker.Events.OutboxSignal()).CommitAsync(new StateChange().Update(read), CancellationToken.None));

        var stored = database.Database.GetCollection(LiteDbDeliveryStore.Name).FindById("changed");
        Assert.Equal((nameof(DeliveryStatus.Failed), Item(3).CreatedAt.UtcDateTime), (stored["Status"].AsString, stored[nameof(Delivery.ItemCreatedAt)].AsDateTime.ToUniversalTime()));
    }

    public void Dispose()
    {
        database.Dispose();
        file.Dispose();
    }

    private static string ItemId(int i) => $"item-{i:D3}";

    // An item a minute after the one before, the item made at a time of no whole millisecond (BSON keeps milliseconds).
    private static Item Item(int i) => new()
    {
        Id = ItemId(i),
        Opd = "dinkes",
        Title = $"Kegiatan {i}",
        Body = "Isi",
        AccountIds = ["fb", "ig", "x"],
        CreatedAt = Start.AddMinutes(i),
        UpdatedAt = Start.AddMinutes(i),
    };

    private static IEnumerable<Delivery> DeliveriesOf(int i) =>
        new[] { "fb", "ig", "x" }.Select(account =>
        {
            var delivery = NewDelivery($"d-{i:D3}-{account}", ItemId(i), Start.AddMinutes(i + 10));
            delivery.AccountId = account;
            return delivery;
        });

    private static Delivery NewDelivery(string id, string itemId, DateTimeOffset createdAt) => new()
    {
        Id = id,
        ItemId = itemId,
        ItemCreatedAt = Start.AddMinutes(int.TryParse(itemId.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : 0),
        AccountId = "fb",
        Platform = "facebook",
        Status = DeliveryStatus.Published,
        ScheduledAt = createdAt,
        DueAt = createdAt,
        Text = "Teks",
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };
}
