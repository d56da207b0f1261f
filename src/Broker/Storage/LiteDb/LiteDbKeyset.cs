using System.Collections.Concurrent;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Keyset pages on LiteDB, whose indexes hold one field each: the rows are walked through the index of their time field
/// from the cursor on, in (time, id) order. LiteDB orders rows of equal time in no order a page could resume from, so the
/// rows at the cursor's time and at the page's last time are read whole (an index equality) and ordered by id here.
/// </summary>
internal static class LiteDbKeyset
{
    private static readonly ConcurrentDictionary<string, BsonExpression> Orderings = new(StringComparer.Ordinal);

    /// <summary>
    /// Up to <paramref name="take"/> documents past <paramref name="after"/> that match <paramref name="filter"/> (null: all),
    /// and whose time is in [<paramref name="within"/>.From, <paramref name="within"/>.To) when given: that range is read
    /// as one index range from the cursor on, which ends where the range ends. Two bounds given as separate terms would
    /// not: LiteDB walks the index by the first of them only and checks the other on every row to the end of the index.
    /// <paramref name="time"/> is the indexed expression; <paramref name="field"/> the document's field of the same value
    /// (null: the same). <paramref name="select"/> (null: whole documents) names the fields read, among them <c>_id</c> and
    /// <paramref name="field"/>. <paramref name="sortHere"/>: the filter's first term is an equality on the index of a
    /// value few rows hold (an item status other than published), which LiteDB's planner takes over the time's index: it
    /// would then read every match and sort them in its own pages, copying each there and back; they are read once and
    /// sorted here instead, which also leaves no tie to read again.
    /// </summary>
    public static List<BsonDocument> Read(
        ILiteCollection<BsonDocument> documents, string time, LiteDbFilter? filter, bool descending, PageCursor? after, int take,
        (DateTimeOffset From, DateTimeOffset To)? within = null, string? field = null, BsonExpression? select = null, bool sortHere = false)
    {
        IEnumerable<BsonDocument> Find(LiteDbFilter found) =>
            select is null ? documents.Find(found.ToExpression()) : documents.Query().Where(found.ToExpression()).Select(select).ToEnumerable();

        field ??= time;
        var term = Term(time);
        var rows = new List<BsonDocument>();
        var range = within is { } bounds ? Bounded(term, bounds, descending, after).And(filter) : filter;
        if (after is { } cursor)
        {
            var at = new BsonValue(cursor.At.UtcDateTime);
            rows.AddRange(ById(Find(LiteDbFilter.Before(filter, term + " = {0}", at)), descending)
                .Where(d => descending ? string.CompareOrdinal(Id(d), cursor.Id) < 0 : string.CompareOrdinal(Id(d), cursor.Id) > 0)
                .Take(take));
            range = within is null ? LiteDbFilter.Before(filter, term + (descending ? " < {0}" : " > {0}"), at) : range;
        }

        if (rows.Count >= take)
        {
            return rows;
        }

        if (sortHere && range is not null)
        {
            var matches = Find(range);
            var sorted = descending
                ? matches.OrderByDescending(d => d[field]).ThenByDescending(Id, StringComparer.Ordinal)
                : matches.OrderBy(d => d[field]).ThenBy(Id, StringComparer.Ordinal);
            rows.AddRange(sorted.Take(take - rows.Count));
            return rows;
        }

        var query = range is null ? documents.Query() : documents.Query().Where(range.ToExpression());
        var ordered = query.OrderBy(Ordering(time), descending ? Query.Descending : Query.Ascending);
        // One row past the page tells whether the page's last time goes on past it, without a second query when not.
        var wanted = take - rows.Count;
        var rest = (select is null ? ordered : ordered.Select(select)).Limit(wanted + 1).ToList();
        if (rest.Count > wanted)
        {
            var last = rest[wanted - 1][field];
            if (rest[wanted][field] == last)
            {
                // The last time has rows past the limit, which may sort before some read: read that time whole.
                rest = [.. rest.Where(d => d[field] != last), .. Find(LiteDbFilter.Before(filter, term + " = {0}", last))];
            }
            else
            {
                rest.RemoveAt(wanted);
            }
        }

        var inOrder = descending
            ? rest.OrderByDescending(d => d[field]).ThenByDescending(Id, StringComparer.Ordinal)
            : rest.OrderBy(d => d[field]).ThenBy(Id, StringComparer.Ordinal);
        rows.AddRange(inOrder.Take(take - rows.Count));
        return rows;
    }

    /// <summary>
    /// How LiteDB reads the first page of what <see cref="Read"/> reads with the same arguments (<c>EXPLAIN</c>): which
    /// index, in which order, and whether it sorts.
    /// </summary>
    public static BsonDocument PlanOf(
        ILiteCollection<BsonDocument> documents, string time, LiteDbFilter? filter, bool descending, (DateTimeOffset From, DateTimeOffset To) within, BsonExpression select) =>
        documents.Query().Where(Bounded(Term(time), within, descending, null).And(filter).ToExpression())
            .OrderBy(Ordering(time), descending ? Query.Descending : Query.Ascending)
            .Select(select)
            .GetPlan();

    // The indexed expression as a term's text: its braces escaped for the term's value names.
    private static string Term(string time) => time.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    // An ordering's expression is parsed once per indexed expression, not on every page.
    private static BsonExpression Ordering(string time) => Orderings.GetOrAdd(time, BsonExpression.Create);

    // The index range first (LiteDB takes the first term of the lowest price), narrowed to the cursor; the range's open
    // end and the cursor itself are checked on each row read.
    private static LiteDbFilter Bounded(string term, (DateTimeOffset From, DateTimeOffset To) within, bool descending, PageCursor? after)
    {
        var (from, to) = within;
        if (after is { } cursor)
        {
            (from, to) = descending ? (from, cursor.At < to ? cursor.At : to) : (cursor.At > from ? cursor.At : from, to);
        }

        var terms = LiteDbFilter.Of(term + " BETWEEN {0} AND {1}", new BsonValue(from.UtcDateTime), new BsonValue(to.UtcDateTime))
            .And(term + " < {0}", new BsonValue(within.To.UtcDateTime));
        if (after is { } past)
        {
            terms = terms.And(term + (descending ? " < {0}" : " > {0}"), new BsonValue(past.At.UtcDateTime));
        }

        return terms;
    }

    /// <summary>The cursor that resumes after <paramref name="document"/>.</summary>
    public static PageCursor CursorOf(BsonDocument document, string time) =>
        new(new DateTimeOffset(document[time].AsDateTime.ToUniversalTime(), TimeSpan.Zero), Id(document));

    private static string Id(BsonDocument document) => document["_id"].AsString;

    private static IEnumerable<BsonDocument> ById(IEnumerable<BsonDocument> found, bool descending) =>
        descending ? found.OrderByDescending(Id, StringComparer.Ordinal) : found.OrderBy(Id, StringComparer.Ordinal);
}
