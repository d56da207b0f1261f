using Broker.Sharing;
using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// A LiteDB file whose click batches were written before they named their UTC dates: the first start that knows them adds
/// them, so a day's clicks are found by them (the click figures read one day at a time).
/// </summary>
public sealed class ClickBatchDaysTests
{
    [Fact]
    public async Task Batches_written_before_their_dates_get_them_at_the_next_start_and_a_days_read_finds_their_clicks()
    {
        var folder = Directory.CreateTempSubdirectory("broker-click-days-");
        try
        {
            var options = Options.Create(new StorageOptions { DatabasePath = Path.Combine(folder.FullName, "broker.db") });
            var noon = new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
            using (var database = new BrokerDatabase(options))
            {
                await new LiteDbShareLinkStore(database).GetOrAddAsync(
                    new ShareLink { Id = "AniItem1aa", Key = "n:item-1", Nip = "n", ItemId = "item-1", Opd = "dinkes", CreatedAt = noon }, CancellationToken.None);
                var store = new LiteDbClickStore(database);
                await store.AddAllAsync([new Click("AniItem1aa", "item-1", 0, new UInt128(0, 1), noon), new Click("AniItem1aa", "item-1", 0, new UInt128(0, 2), noon.AddDays(1))], CancellationToken.None);
                await store.AddAllAsync([new Click("AniItem1aa", "item-1", 0, new UInt128(0, 3), noon.AddDays(2))], CancellationToken.None);

                // As an earlier broker left them: no dates, no marker.
                database.Write(() =>
                {
                    var batches = database.Collection<BsonDocument>("clickbatches");
                    foreach (var batch in batches.FindAll().ToList())
                    {
                        batch.Remove("Days");
                        batches.Update(batch);
                    }

                    database.Database.DropCollection("clickbatchdays");
                });
                Assert.Empty(store.ReadBetween(noon.AddDays(1), noon.AddDays(2)));
            }

            using (var reopened = new BrokerDatabase(options))
            {
                var store = new LiteDbClickStore(reopened);
                Assert.Equal([noon.AddDays(1)], store.ReadBetween(noon.AddDays(1), noon.AddDays(2)).Select(c => c.At));
                Assert.Equal([noon, noon.AddDays(1), noon.AddDays(2)], store.ReadBetween(noon.AddHours(-1), noon.AddDays(3)).Select(c => c.At));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
