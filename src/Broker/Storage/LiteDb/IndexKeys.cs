using Broker.Dispatch;
using Broker.Intake;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Index keys that are not an entity's own fields but are computed from them, written into its document whenever the
/// mapper turns it into one (<see cref="KeyedMapper"/>), so that LiteDB indexes each as a plain path.
/// <para>
/// An index on an expression that calls functions (<c>IIF</c>, <c>COALESCE</c>) costs every query of its collection:
/// LiteDB 5.0.21 builds each index's expression again, by parsing its text, whenever a query opens the collection
/// (<c>CollectionPage</c>'s constructor, once per snapshot), and parsing a function call looks its attributes up by
/// reflection. With the two indexes below on such expressions, that parse was two fifths of the time the queries of a
/// page of <c>GET /api/items</c> held the engine (which answers one call at a time); a path parses in a fraction of it.
/// </para>
/// </summary>
internal static class IndexKeys
{
    /// <summary>
    /// The end of an item's sharing while it is open for sharing (shared, not retracted), <see cref="NoEnd"/> when it has
    /// no end, and absent for every other item: the index on it holds the open items' ends after every null key (BSON
    /// orders null before any date), so a range from now reads the items open now alone.
    /// </summary>
    public const string OpenUntil = nameof(OpenUntil);

    /// <summary>
    /// The due time of a failed or held delivery, absent for every other: the index on it holds the problems in due order
    /// after every null key, so a range over dates reads the problems alone.
    /// </summary>
    public const string ProblemDue = nameof(ProblemDue);

    /// <summary>An open end: a date past any real one (LiteDB refuses <see cref="DateTime.MaxValue"/> as an index key).</summary>
    public static readonly DateTime NoEnd = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The same keys as LiteDB expressions, for a database whose documents were written before the keys were: the
    /// upgrade writes each key into the documents that need one (<see cref="Backfill"/>).
    /// </summary>
    internal const string OpenUntilExpression =
        $"IIF($.{nameof(Item.SharedAt)} != null AND $.{nameof(Item.RetractedAt)} = null, COALESCE($.{nameof(Item.ShareUntil)}, DATETIME_UTC(9999, 12, 31)), null)";

    internal const string ProblemDueExpression = $"IIF($.{nameof(Delivery.Status)} = 'Failed' OR $.{nameof(Delivery.Status)} = 'Held', $.{nameof(Delivery.DueAt)}, null)";

    public static DateTime? OpenUntilOf(Item item) =>
        item.SharedAt is null || item.RetractedAt is not null ? null : item.ShareUntil?.UtcDateTime ?? NoEnd;

    public static DateTime? ProblemDueOf(Delivery delivery) =>
        DailyProblem.Statuses.Contains(delivery.Status) ? delivery.DueAt.UtcDateTime : null;

    /// <summary>Adds the keys <paramref name="entity"/>'s document carries, if any, to <paramref name="document"/>.</summary>
    public static void AddTo(BsonDocument document, object entity)
    {
        var (name, key) = entity switch
        {
            Item item => (OpenUntil, OpenUntilOf(item)),
            Delivery delivery => (ProblemDue, ProblemDueOf(delivery)),
            _ => (null, null),
        };
        if (name is not null && key is { } value)
        {
            document[name] = value;
        }
    }

    /// <summary>
    /// Makes <paramref name="name"/> on <paramref name="collection"/> an index of the stored key: when the index is missing
    /// or is an older one on <paramref name="expression"/>, the key is first written into every document
    /// <paramref name="needing"/> selects (through the older index when there is one, so only the documents with a key are
    /// read), then the index is made again on the field. Each step can be run again, so a start killed halfway finishes the
    /// upgrade at the next one. Run in the writer's turn.
    /// </summary>
    public static void Backfill(LiteDatabase database, string collection, string name, string expression, string needing)
    {
        var documents = database.GetCollection(collection);
        var index = database.GetCollection("$indexes").FindOne(BsonExpression.Create("$.collection = @0 AND $.name = @1", collection, name));
        if (index is not null && index["expression"].AsString == "$." + name)
        {
            return;
        }

        var transform = BsonExpression.Create($"{{ {name}: {expression} }}");
        var which = index is not null
            ? BsonExpression.Create($"{expression} > @0", new BsonValue(DateTime.MinValue))
            : BsonExpression.Create(needing);
        documents.UpdateMany(transform, which);
        documents.DropIndex(name);
        documents.EnsureIndex(name, "$." + name);
    }
}

/// <summary>The broker's LiteDB mapper: an entity's document carries its <see cref="IndexKeys"/> beside its own fields.</summary>
internal sealed class KeyedMapper : BsonMapper
{
    public override BsonDocument ToDocument(Type type, object entity)
    {
        var document = base.ToDocument(type, entity);
        IndexKeys.AddTo(document, entity);
        return document;
    }
}
