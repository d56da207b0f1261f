using System.Globalization;
using Broker.IntegrationTests.Storage;
using Broker.Sharing;
using Broker.Storage.LiteDb;
using LiteDB;

namespace Broker.IntegrationTests.Sharing;

public sealed class LegacyClickTests
{
    [Fact]
    public async Task Clicks_stored_one_document_each_by_an_earlier_broker_are_moved_into_batches_and_count_the_same()
    {
        using var file = new ScratchDatabase("broker-legacy-clicks-");
        var at = DateTimeOffset.Parse("2026-11-01T08:00:00Z", CultureInfo.InvariantCulture);
        using (var database = file.Open())
        {
            var links = new LiteDbShareLinkStore(database);
            await links.GetOrAddAsync(Link("AAAAAAAAAA", "198703152010011002", "item-1", "dinkes", at), CancellationToken.None);
            await links.GetOrAddAsync(Link("BBBBBBBBBB", "198703152010011003", "item-1", "dishub", at), CancellationToken.None);
            var old = database.Collection<BsonDocument>("clicks");
            database.Write(() =>
            {
                old.Insert(Legacy("AAAAAAAAAA", "198703152010011002", "item-1", "dinkes", "whatsapp", new string('a', 32), at));
                old.Insert(Legacy("AAAAAAAAAA", "198703152010011002", "item-1", "dinkes", "link", new string('a', 32), at.AddHours(1)));
                old.Insert(Legacy("BBBBBBBBBB", "198703152010011003", "item-1", "dishub", "qr", new string('b', 32), at.AddDays(2)));
            });
        }

        using var reopened = file.Open();
        var clicks = new LiteDbClickStore(reopened);

        Assert.False(reopened.Database.CollectionExists("clicks"));
        var all = clicks.ReadByItem("item-1").ToList();
        Assert.Equal(3, all.Count);
        Assert.Equal(2, all.Select(c => c.Visitor).Distinct().Count());
        Assert.Equal(["whatsapp", "link", "qr"], all.Select(c => c.Channel));
        Assert.Equal(["dinkes", "dinkes", "dishub"], all.Select(c => c.Link.Opd));
        Assert.Equal(2, clicks.ReadByNip("198703152010011002").Count());
        Assert.Equal(at.AddDays(2), Assert.Single(clicks.ReadBetween(at.AddDays(1), null)).At);
    }

    [Fact]
    public async Task Click_batches_written_before_they_named_their_links_are_found_by_item_until_the_background_upgrade_adds_the_codes()
    {
        using var file = new ScratchDatabase("broker-click-codes-");
        var at = DateTimeOffset.Parse("2026-11-01T08:00:00Z", CultureInfo.InvariantCulture);
        using (var database = file.Open())
        {
            var links = new LiteDbShareLinkStore(database);
            await links.GetOrAddAsync(Link("AAAAAAAAAA", "198703152010011002", "item-1", "dinkes", at), CancellationToken.None);
            await links.GetOrAddAsync(Link("BBBBBBBBBB", "198703152010011003", "item-1", "dishub", at), CancellationToken.None);
            var clicks = new LiteDbClickStore(database);
            for (var batch = 0; batch < 450; batch++)
            {
                await clicks.AddAllAsync([new Click(batch % 3 == 0 ? "AAAAAAAAAA" : "BBBBBBBBBB", "item-1", 0, (uint)batch, at.AddSeconds(batch))], CancellationToken.None);
            }

            ScratchDatabase.WithoutClickBatchField(database, "Codes", "clickbatchcodes"); // as an earlier broker left them
        }

        using var reopened = file.Open();
        var store = new LiteDbClickStore(reopened);
        Assert.False(ClickBatchFields.Codes.IsDone(reopened));
        Assert.Equal(150, store.ReadByNip("198703152010011002").Count());

        // Chunk by chunk, each in its own write turn: a start that stops midway goes on from where it was.
        Assert.False(ClickBatchFields.Codes.Step(reopened));
        Assert.Equal(150, store.ReadByNip("198703152010011002").Count());
        ClickBatchFields.Codes.Finish(reopened, CancellationToken.None);

        Assert.True(ClickBatchFields.Codes.IsDone(reopened));
        Assert.All(reopened.Collection<BsonDocument>("clickbatches").FindAll(), b => Assert.Single(b["Codes"].AsArray));
        Assert.Equal(150, store.ReadByNip("198703152010011002").Count());
        Assert.Equal(300, store.ReadByNip("198703152010011003").Count());
    }

    private static ShareLink Link(string code, string nip, string item, string opd, DateTimeOffset at) =>
        new() { Id = code, Key = ShareLink.KeyOf(nip, item), Nip = nip, ItemId = item, Opd = opd, CreatedAt = at };

    private static BsonDocument Legacy(string code, string nip, string item, string opd, string channel, string visitor, DateTimeOffset at) => new()
    {
        ["Code"] = code,
        ["Nip"] = nip,
        ["ItemId"] = item,
        ["Opd"] = opd,
        ["Channel"] = channel,
        ["Visitor"] = visitor,
        ["At"] = at.UtcDateTime,
    };
}
