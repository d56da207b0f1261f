using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Batches written before they named their clicks' UTC dates get them once, at the first start that knows them, a chunk
/// of batches per transaction (a crash leaves some done, and the next start finishes the rest); a marker document then
/// says every batch has them. A day's clicks are found by them (<see cref="LiteDbClickStore.ReadBetween"/>): the batches'
/// time indexes bound a range on one side only, and reached every batch written after an old day.
/// </summary>
internal static class ClickBatchDays
{
    private const string Marker = "clickbatchdays";
    private const int Chunk = 50; // a batch holds up to 5,000 clicks (175 KB): a chunk stays under 10 MB

    public static void Backfill(BrokerDatabase database, ILiteCollection<BsonDocument> batches)
    {
        var marker = database.Collection<BsonDocument>(Marker);
        if (marker.FindById("done") is not null)
        {
            return;
        }

        var last = BsonValue.MinValue;
        while (batches.Find(Query.GT("_id", last), 0, Chunk).ToList() is { Count: > 0 } chunk)
        {
            var lacking = chunk.Where(b => !b["Days"].IsArray).ToList();
            if (lacking.Count > 0)
            {
                database.Write(() =>
                {
                    database.Database.BeginTrans();
                    foreach (var batch in lacking)
                    {
                        batch["Days"] = ClickRows.DaysOf(ClickRows.RowsOf(batch));
                        batches.Update(batch);
                    }

                    database.Database.Commit();
                });
            }

            last = chunk[^1]["_id"];
        }

        database.Write(() => marker.Upsert(new BsonDocument { ["_id"] = "done" }));
    }
}
