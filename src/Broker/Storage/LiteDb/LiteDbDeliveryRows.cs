using Broker.Dispatch;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// <see cref="DeliveryRow"/> pages of a deliveries collection (the working one or the archive), in (due time, id) order
/// from a cursor, through one time index, by the lists' keyset reader with parameters (<see cref="LiteDbFilter"/>: LiteDB
/// compiles each query text once). The rows are projected to the fields shown, so only those are read from each document.
/// </summary>
internal static class LiteDbDeliveryRows
{
    private static readonly BsonExpression Fields = BsonExpression.Create(
        "{ _id, ItemId, AccountId, Platform, Status, ScheduledAt, DueAt, PublishedAt, Attempts, ErrorCode, Error }");

    /// <summary>The fields of a list that does not show the attempts (<see cref="DeliveryListQuery.WithAttempts"/>).</summary>
    private static readonly BsonExpression Brief = BsonExpression.Create("{ _id, ItemId, AccountId, Platform, Status, DueAt, PublishedAt }");

    private static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Up to <paramref name="limit"/> rows of <paramref name="query"/> after <paramref name="after"/>, walked through the
    /// index on <paramref name="time"/> (an expression whose value is the due time of every row it should find; null
    /// for the rest) by the lists' keyset reader (<see cref="LiteDbKeyset"/>): the index range runs from the cursor to the
    /// query's bound and stops once the page is full, the statuses and accounts checked on each row read (through
    /// STRING(...), which matches no index, so LiteDB never picks the status index and sorts every row of a status piled up
    /// over the years).
    /// </summary>
    public static Page<DeliveryRow> Read(
        ILiteCollection<BsonDocument> documents, BsonMapper mapper, string time, DeliveryListQuery query, PageCursor? after, int limit)
    {
        if (query.Statuses.Count == 0 || query.AccountIds is { Count: 0 })
        {
            return new Page<DeliveryRow>([], null);
        }

        var read = LiteDbKeyset.Read(documents, time, Filter(query), query.LatestFirst, after, limit + 1, Within(query), nameof(Delivery.DueAt), FieldsOf(query));
        return Page<DeliveryRow>.Of([.. read.Select(d => ToRow(d, mapper, query.WithAttempts))], limit, r => r, r => r.Cursor);
    }

    /// <summary>How LiteDB reads the first page of <paramref name="query"/> (<c>EXPLAIN</c>): which index, and whether it sorts.</summary>
    internal static BsonDocument PlanOf(ILiteCollection<BsonDocument> documents, string time, DeliveryListQuery query) =>
        LiteDbKeyset.PlanOf(documents, time, Filter(query), query.LatestFirst, Within(query), FieldsOf(query));

    private static BsonExpression FieldsOf(DeliveryListQuery query) => query.WithAttempts ? Fields : Brief;

    private static (DateTimeOffset From, DateTimeOffset To) Within(DeliveryListQuery query) => (query.From ?? Earliest, query.To ?? Latest);

    // The statuses and accounts as parameters, through STRING(...) so that no index matches them (the time index drives).
    private static LiteDbFilter Filter(DeliveryListQuery query)
    {
        var filter = LiteDbFilter.Of("STRING($.Status) IN {0}", new BsonArray(query.Statuses.Select(s => new BsonValue(s.ToString()))));
        return query.AccountIds is { } accounts ? filter.And("STRING($.AccountId) IN {0}", new BsonArray(accounts.Select(a => new BsonValue(a)))) : filter;
    }

    private static DeliveryRow ToRow(BsonDocument document, BsonMapper mapper, bool withAttempts) => new(
        document["_id"].AsString,
        document[nameof(Delivery.ItemId)].AsString,
        document[nameof(Delivery.AccountId)].AsString,
        document[nameof(Delivery.Platform)].AsString,
        Enum.Parse<DeliveryStatus>(document[nameof(Delivery.Status)].AsString),
        mapper.Deserialize<DateTimeOffset>(document[nameof(Delivery.DueAt)]),
        document[nameof(Delivery.PublishedAt)] is { IsDateTime: true } published ? mapper.Deserialize<DateTimeOffset>(published) : null,
        withAttempts ? AttemptsOf(document, mapper) : null);

    private static DeliveryRowAttempts AttemptsOf(BsonDocument document, BsonMapper mapper) => new(
        mapper.Deserialize<DateTimeOffset>(document[nameof(Delivery.ScheduledAt)]),
        document[nameof(Delivery.Attempts)] is { IsNumber: true } attempts ? attempts.AsInt32 : 0,
        document[nameof(Delivery.ErrorCode)] is { IsString: true } code ? code.AsString : null,
        document[nameof(Delivery.Error)] is { IsString: true } error ? error.AsString : null);
}
