using Broker.Dispatch;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// <see cref="DeliveryRow"/> pages of a deliveries collection (the working one or the archive), in (due time, id) order
/// from a cursor, through one time index. Each query is written with parameters, so its text is the same on every call
/// and LiteDB compiles it once (it caches compiled expressions by their text; a literal date or id made a new one per
/// call, and parsing and compiling them was most of the calendar's time). The rows are projected to the fields shown, so
/// only those are read from each document.
/// </summary>
internal static class LiteDbDeliveryRows
{
    private static readonly BsonExpression Fields = BsonExpression.Create(
        "{ _id, ItemId, AccountId, Platform, Status, ScheduledAt, DueAt, PublishedAt, Attempts, ErrorCode, Error }");

    private static readonly DateTime Earliest = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime Latest = new(9000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Up to <paramref name="limit"/> rows of <paramref name="query"/> after <paramref name="after"/>, walked through the
    /// index on <paramref name="time"/> (an expression whose value is the due time of every row it should find; null
    /// for the rest): the index range runs from the cursor to the query's bound and stops once the page is full, the
    /// statuses and accounts checked on each row read (through STRING(...), which matches no index, so LiteDB never picks
    /// the status index and sorts every row of a status piled up over the years).
    /// </summary>
    public static Page<DeliveryRow> Read(
        ILiteCollection<BsonDocument> documents, BsonMapper mapper, string time, DeliveryListQuery query, PageCursor? after, int limit)
    {
        if (query.Statuses.Count == 0 || query.AccountIds is { Count: 0 })
        {
            return new Page<DeliveryRow>([], null);
        }

        var descending = query.LatestFirst;
        var (from, to) = (query.From?.UtcDateTime ?? Earliest, query.To?.UtcDateTime ?? Latest);
        var parameters = new BsonDocument
        {
            ["statuses"] = new BsonArray(query.Statuses.Select(s => new BsonValue(s.ToString()))),
            ["from"] = from,
            ["to"] = to,
        };
        var filter = "STRING($.Status) IN @statuses";
        if (query.AccountIds is { } accounts)
        {
            parameters["accounts"] = new BsonArray(accounts.Select(a => new BsonValue(a)));
            filter += " AND STRING($.AccountId) IN @accounts";
        }

        var take = limit + 1;
        var rows = new List<BsonDocument>();
        string range;
        if (after is { } cursor)
        {
            var at = cursor.At.UtcDateTime;
            parameters["at"] = at;
            rows.AddRange(ById(Find(documents, $"{time} = @at AND {filter}", parameters), descending)
                .Where(d => descending ? string.CompareOrdinal(Id(d), cursor.Id) < 0 : string.CompareOrdinal(Id(d), cursor.Id) > 0)
                .Take(take));
            (parameters["low"], parameters["high"]) = descending ? (from, at < to ? at : to) : (at > from ? at : from, to);
            range = $"{time} BETWEEN @low AND @high AND {time} < @to AND {time} {(descending ? "<" : ">")} @at";
        }
        else
        {
            range = $"{time} BETWEEN @from AND @to AND {time} < @to";
        }

        if (rows.Count < take)
        {
            // The index range first: LiteDB walks the first term of the lowest price, in the order asked, and stops at the limit.
            var rest = Range(documents, time, $"{range} AND {filter}", parameters, descending).Limit(take - rows.Count).ToList();
            if (rest.Count == take - rows.Count && rest.Count > 0)
            {
                // The last time may have rows past the limit that sort before some read: read that time whole.
                var last = rest[^1][nameof(Delivery.DueAt)];
                parameters["last"] = last;
                rest = [.. rest.Where(d => d[nameof(Delivery.DueAt)] != last), .. Find(documents, $"{time} = @last AND {filter}", parameters)];
            }

            var ordered = descending
                ? rest.OrderByDescending(d => d[nameof(Delivery.DueAt)]).ThenByDescending(Id, StringComparer.Ordinal)
                : rest.OrderBy(d => d[nameof(Delivery.DueAt)]).ThenBy(Id, StringComparer.Ordinal);
            rows.AddRange(ordered.Take(take - rows.Count));
        }

        var page = rows.Select(d => ToRow(d, mapper)).ToList();
        return Page<DeliveryRow>.Of(page, limit, r => r, r => r.Cursor);
    }

    /// <summary>How LiteDB reads the first page of <paramref name="query"/> (<c>EXPLAIN</c>): which index, and whether it sorts.</summary>
    internal static BsonDocument PlanOf(ILiteCollection<BsonDocument> documents, string time, DeliveryListQuery query)
    {
        var parameters = new BsonDocument
        {
            ["statuses"] = new BsonArray(query.Statuses.Select(s => new BsonValue(s.ToString()))),
            ["from"] = query.From?.UtcDateTime ?? Earliest,
            ["to"] = query.To?.UtcDateTime ?? Latest,
        };
        return Range(documents, time, $"{time} BETWEEN @from AND @to AND {time} < @to AND STRING($.Status) IN @statuses", parameters, query.LatestFirst).GetPlan();
    }

    private static ILiteQueryableResult<BsonDocument> Range(
        ILiteCollection<BsonDocument> documents, string time, string where, BsonDocument parameters, bool descending) =>
        documents.Query().Where(BsonExpression.Create(where, parameters))
            .OrderBy(time, descending ? Query.Descending : Query.Ascending)
            .Select(Fields);

    private static List<BsonDocument> Find(ILiteCollection<BsonDocument> documents, string where, BsonDocument parameters) =>
        documents.Query().Where(BsonExpression.Create(where, parameters)).Select(Fields).ToList();

    private static string Id(BsonDocument document) => document["_id"].AsString;

    private static IEnumerable<BsonDocument> ById(IEnumerable<BsonDocument> found, bool descending) =>
        descending ? found.OrderByDescending(Id, StringComparer.Ordinal) : found.OrderBy(Id, StringComparer.Ordinal);

    private static DeliveryRow ToRow(BsonDocument document, BsonMapper mapper) => new(
        Id(document),
        document[nameof(Delivery.ItemId)].AsString,
        document[nameof(Delivery.AccountId)].AsString,
        document[nameof(Delivery.Platform)].AsString,
        Enum.Parse<DeliveryStatus>(document[nameof(Delivery.Status)].AsString),
        mapper.Deserialize<DateTimeOffset>(document[nameof(Delivery.ScheduledAt)]),
        mapper.Deserialize<DateTimeOffset>(document[nameof(Delivery.DueAt)]),
        document[nameof(Delivery.PublishedAt)] is { IsDateTime: true } published ? mapper.Deserialize<DateTimeOffset>(published) : null,
        document[nameof(Delivery.Attempts)] is { IsNumber: true } attempts ? attempts.AsInt32 : 0,
        document[nameof(Delivery.ErrorCode)] is { IsString: true } code ? code.AsString : null,
        document[nameof(Delivery.Error)] is { IsString: true } error ? error.AsString : null);
}
