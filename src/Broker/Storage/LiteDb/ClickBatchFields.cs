using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// A field that click batches written before it existed get after an upgrade, in the background
/// (<see cref="ClickBatchUpgrade"/>): a chunk of batches per write turn and transaction, with the progress in a marker
/// document of the same transaction (a crash loses no chunk and the next start goes on from it), then a marker that says
/// every batch has it. Batches written since have it from the first (<see cref="ClickRows.Batch"/>), and a database that
/// had no batch when it was first opened by this version is marked done at once. Until it is done, readers find batches
/// the way they did before the field. The fields: <see cref="Codes"/>, the links' codes, by which the ASN share page
/// finds its clicks; and <see cref="Days"/>, the clicks' UTC dates, by which a day's clicks are found
/// (<see cref="LiteDbClickStore.ReadBetween"/>: the batches' time indexes bound a range on one side only).
/// </summary>
internal sealed class ClickBatchFields
{
    public static readonly ClickBatchFields Codes = new("Codes", "clickbatchcodes", ClickRows.CodesOf);

    public static readonly ClickBatchFields Days = new("Days", "clickbatchdays", ClickRows.DaysOf);

    private const int Chunk = 50; // a batch holds up to 5,000 clicks (175 KB): a chunk stays under 10 MB
    private const string Done = "done";
    private const string Progress = "progress";

    private readonly string marker;
    private readonly Func<byte[], BsonArray> valueOf;

    private ClickBatchFields(string field, string marker, Func<byte[], BsonArray> valueOf) =>
        (Field, this.marker, this.valueOf) = (field, marker, valueOf);

    /// <summary>The field's name in a batch document.</summary>
    public string Field { get; }

    /// <summary>Whether every batch has the field.</summary>
    public bool IsDone(BrokerDatabase database) => database.Collection<BsonDocument>(marker).FindById(Done) is not null;

    /// <summary>
    /// Marks the field done in a database with no click batch yet, before any is written: each batch it will hold has the
    /// field from the first, and no start ever walks them to find that out.
    /// </summary>
    public void BeginIfEmpty(BrokerDatabase database) => database.Write(() =>
    {
        var markers = database.Collection<BsonDocument>(marker);
        if (markers.FindById(Done) is null && markers.FindById(Progress) is null && database.Collection<BsonDocument>("clickbatches").Count() == 0)
        {
            markers.Upsert(new BsonDocument { ["_id"] = Done });
        }
    });

    /// <summary>Gives the next chunk of batches the field, in one write turn and transaction; true once every batch has it.</summary>
    public bool Step(BrokerDatabase database) => database.Write(() =>
    {
        var markers = database.Collection<BsonDocument>(marker);
        if (markers.FindById(Done) is not null)
        {
            return true;
        }

        var batches = database.Collection<BsonDocument>("clickbatches");
        var last = markers.FindById(Progress) is { } progress ? progress["Last"] : BsonValue.MinValue;
        var chunk = batches.Find(LiteDbFilter.Of("$._id > {0}", last).ToExpression(), 0, Chunk).ToList();
        database.Database.BeginTrans();
        try
        {
            foreach (var batch in chunk.Where(b => !b[Field].IsArray))
            {
                batch[Field] = valueOf(ClickRows.RowsOf(batch));
                batches.Update(batch);
            }

            markers.Upsert(chunk.Count == 0 ? new BsonDocument { ["_id"] = Done } : new BsonDocument { ["_id"] = Progress, ["Last"] = chunk[^1]["_id"] });
            database.Database.Commit();
            return chunk.Count == 0;
        }
        catch
        {
            database.Database.Rollback();
            throw;
        }
    });

    /// <summary>Runs steps until every batch has the field.</summary>
    public void Finish(BrokerDatabase database, CancellationToken cancellationToken)
    {
        while (!Step(database))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
