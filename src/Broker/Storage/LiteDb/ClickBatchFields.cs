using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// A field that click batches written before it existed get once, at the first start that knows it: a chunk of batches
/// per transaction (a crash leaves some done, and the next start finishes the rest), then a marker document says every
/// batch has it. The fields: <see cref="Codes"/>, the links' codes, by which the ASN share page finds its clicks; and
/// <see cref="Days"/>, the clicks' UTC dates, by which a day's clicks are found (<see cref="LiteDbClickStore.ReadBetween"/>:
/// the batches' time indexes bound a range on one side only, and reached every batch written after an old day).
/// </summary>
internal sealed class ClickBatchFields
{
    public static readonly ClickBatchFields Codes = new("Codes", "clickbatchcodes", ClickRows.CodesOf);

    public static readonly ClickBatchFields Days = new("Days", "clickbatchdays", ClickRows.DaysOf);

    private const int Chunk = 50; // a batch holds up to 5,000 clicks (175 KB): a chunk stays under 10 MB

    private readonly string field;
    private readonly string marker;
    private readonly Func<byte[], BsonArray> valueOf;

    private ClickBatchFields(string field, string marker, Func<byte[], BsonArray> valueOf) =>
        (this.field, this.marker, this.valueOf) = (field, marker, valueOf);

    public void Backfill(BrokerDatabase database, ILiteCollection<BsonDocument> batches)
    {
        var markers = database.Collection<BsonDocument>(marker);
        if (markers.FindById("done") is not null)
        {
            return;
        }

        var last = BsonValue.MinValue;
        while (batches.Find(Query.GT("_id", last), 0, Chunk).ToList() is { Count: > 0 } chunk)
        {
            var lacking = chunk.Where(b => !b[field].IsArray).ToList();
            if (lacking.Count > 0)
            {
                database.Write(() =>
                {
                    database.Database.BeginTrans();
                    foreach (var batch in lacking)
                    {
                        batch[field] = valueOf(ClickRows.RowsOf(batch));
                        batches.Update(batch);
                    }

                    database.Database.Commit();
                });
            }

            last = chunk[^1]["_id"];
        }

        database.Write(() => markers.Upsert(new BsonDocument { ["_id"] = "done" }));
    }
}
