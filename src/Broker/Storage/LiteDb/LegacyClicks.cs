using System.Buffers.Binary;
using Broker.Sharing;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Clicks stored before batches (one document per click in <c>clicks</c>, the visitor as hex) are moved into batch
/// documents once, at start, in one transaction, and their collection dropped.
/// </summary>
internal static class LegacyClicks
{
    private const string Collection = "clicks";
    private const int BatchSize = 5000;

    public static void MoveToBatches(BrokerDatabase database, ILiteCollection<BsonDocument> batches)
    {
        // Safe beside the writer: the engine reads the collection list whole under one turn (OneCallAtATimeEngine).
        if (!database.Database.CollectionExists(Collection))
        {
            return;
        }

        database.Write(() =>
        {
            var old = database.Collection<BsonDocument>(Collection);
            database.Database.BeginTrans();
            var last = BsonValue.MinValue;
            while (old.Find(Query.GT("_id", last), 0, BatchSize).ToList() is { Count: > 0 } chunk)
            {
                batches.Insert(ClickRows.Batch([.. chunk.Select(Convert)]));
                last = chunk[^1]["_id"];
            }

            // Emptied in the same transaction, dropped after it (LiteDB 5.0.20 was seen to leave a lock held when a
            // collection is dropped inside an explicit transaction): a crash in between leaves an empty collection,
            // dropped next time.
            old.DeleteAll();
            database.Database.Commit();
            database.Database.DropCollection(Collection);
        });
    }

    private static Click Convert(BsonDocument old) => new(
        old["Code"].AsString,
        old["ItemId"].AsString,
        ShareChannels.NumberOf(old["Channel"].AsString),
        BinaryPrimitives.ReadUInt128BigEndian(System.Convert.FromHexString(old["Visitor"].AsString)),
        new DateTimeOffset(DateTime.SpecifyKind(old["At"].AsDateTime.ToUniversalTime(), DateTimeKind.Utc)));
}
