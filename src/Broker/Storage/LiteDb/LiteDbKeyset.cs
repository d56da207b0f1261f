using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Keyset pages on LiteDB, whose indexes hold one field each: the rows are walked through the index of their time field
/// from the cursor on, in (time, id) order. LiteDB orders rows of equal time in no order a page could resume from, so the
/// rows at the cursor's time and at the page's last time are read whole (an index equality) and ordered by id here.
/// </summary>
internal static class LiteDbKeyset
{
    /// <summary>Up to <paramref name="take"/> documents past <paramref name="after"/> that match <paramref name="filter"/> (null: all).</summary>
    public static List<BsonDocument> Read(
        ILiteCollection<BsonDocument> documents, string time, BsonExpression? filter, bool descending, PageCursor? after, int take)
    {
        var rows = new List<BsonDocument>();
        var range = filter;
        if (after is { } cursor)
        {
            var at = new BsonValue(cursor.At.UtcDateTime);
            rows.AddRange(ById(documents.Find(With(Query.EQ(time, at), filter)), descending)
                .Where(d => descending ? string.CompareOrdinal(Id(d), cursor.Id) < 0 : string.CompareOrdinal(Id(d), cursor.Id) > 0)
                .Take(take));
            range = With(descending ? Query.LT(time, at) : Query.GT(time, at), filter);
        }

        if (rows.Count >= take)
        {
            return rows;
        }

        var query = range is null ? documents.Query() : documents.Query().Where(range);
        var rest = query.OrderBy(time, descending ? Query.Descending : Query.Ascending).Limit(take - rows.Count).ToList();
        if (rest.Count == take - rows.Count && rest.Count > 0)
        {
            // The last time may have rows past the limit that sort before some read: read that time whole.
            var last = rest[^1][time];
            rest = [.. rest.Where(d => d[time] != last), .. documents.Find(With(Query.EQ(time, last), filter))];
        }

        var ordered = descending
            ? rest.OrderByDescending(d => d[time]).ThenByDescending(Id, StringComparer.Ordinal)
            : rest.OrderBy(d => d[time]).ThenBy(Id, StringComparer.Ordinal);
        rows.AddRange(ordered.Take(take - rows.Count));
        return rows;
    }

    private static BsonExpression With(BsonExpression term, BsonExpression? filter) => filter is null ? term : Query.And(term, filter);

    /// <summary>The cursor that resumes after <paramref name="document"/>.</summary>
    public static PageCursor CursorOf(BsonDocument document, string time) =>
        new(new DateTimeOffset(document[time].AsDateTime.ToUniversalTime(), TimeSpan.Zero), Id(document));

    private static string Id(BsonDocument document) => document["_id"].AsString;

    private static IEnumerable<BsonDocument> ById(IEnumerable<BsonDocument> found, bool descending) =>
        descending ? found.OrderByDescending(Id, StringComparer.Ordinal) : found.OrderBy(Id, StringComparer.Ordinal);
}
