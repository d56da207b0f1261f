using System.Globalization;
using Broker.Dispatch;
using Broker.Intake;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// <see cref="IDailyFigureStore"/> on LiteDB: a document per (day, account) in <c>daily_figures</c>, a mark per dirty
/// day in <c>daily_dirty</c> and a document per computed day in <c>daily_days</c>; days are keyed as <c>yyyy-MM-dd</c>,
/// which sorts as the days do. The raw rows are read through the deliveries' <c>ScheduledAt</c> and <c>PublishedAt</c>
/// indexes, working and archived.
/// </summary>
internal sealed class LiteDbDailyFigureStore : IDailyFigureStore
{
    public const string FiguresName = "daily_figures";

    public const string DirtyName = "daily_dirty";

    public const string DaysName = "daily_days";

    public const string EventsName = "daily_events";

    public const string ProblemsName = "daily_problems";

    // Says which figures a computed day holds: a day computed before the two-hour rule's figures ("done") or before its
    // problem rows ("problems") existed was marked dirty once, to be computed again.
    private const string EventsLayout = "daily_events_layout";

    private const string ProblemsLayout = "problems";

    /// <summary>
    /// A day's problems per document, at most: a year of them is a few hundred documents read in the key's order, and a
    /// day when every delivery failed stays far below LiteDB's 16 MB bound on a document (about 300 bytes a row).
    /// </summary>
    internal const int ProblemsPerDocument = 1000;

    // (account, day) as one key: an account's days in order form one range of it, walked backwards from a day to find its
    // last post before it (account ids hold no '|', which sorts after their characters).
    private const string AccountDay = "$.AccountId + '|' + $.Day";

    /// <summary>A published delivery's account and platform post id, all <see cref="ListPublishedPostIdsAsync"/> reads.</summary>
    private static readonly BsonExpression PostIdFields = BsonExpression.Create("{ a: $.AccountId, r: $.RemotePostId }");

    private readonly BrokerDatabase database;
    private readonly ILiteCollection<BsonDocument> figures;
    private readonly ILiteCollection<BsonDocument> dirty;
    private readonly ILiteCollection<BsonDocument> days;
    private readonly ILiteCollection<BsonDocument> events;
    private readonly ILiteCollection<BsonDocument> problems;
    private readonly ILiteCollection<BsonDocument>[] deliveries;
    private readonly ILiteCollection<BsonDocument>[] items;

    public LiteDbDailyFigureStore(BrokerDatabase database)
    {
        this.database = database;
        figures = database.Collection<BsonDocument>(FiguresName);
        dirty = database.Collection<BsonDocument>(DirtyName);
        days = database.Collection<BsonDocument>(DaysName);
        events = database.Collection<BsonDocument>(EventsName);
        problems = database.Collection<BsonDocument>(ProblemsName);
        deliveries = [database.Collection<BsonDocument>(LiteDbDeliveryStore.Name), database.Collection<BsonDocument>(LiteDbArchiveStore.DeliveriesName)];
        items = [database.Collection<BsonDocument>(LiteDbItemStore.Name), database.Collection<BsonDocument>(LiteDbArchiveStore.ItemsName)];
        database.Write(() =>
        {
            foreach (var collection in items)
            {
                collection.EnsureIndex(nameof(Item.EventEndedAt));
            }

            events.EnsureIndex("Day");
            figures.EnsureIndex("Day");
            figures.EnsureIndex(nameof(DailyFigure.AccountId));
            figures.EnsureIndex(nameof(AccountDay), AccountDay);
            foreach (var collection in deliveries)
            {
                collection.EnsureIndex(nameof(Delivery.ScheduledAt));
                collection.EnsureIndex(nameof(Delivery.PublishedAt));
                collection.EnsureIndex(nameof(Delivery.Status));
            }

            // A database whose days were computed before these figures: every such day is computed again (and read
            // from its raw rows until then), in the same transaction as the marker.
            var layout = database.Collection<BsonDocument>(EventsLayout);
            if (layout.FindById("done") is null || layout.FindById(ProblemsLayout) is null)
            {
                Mark(dirty, days.FindAll().Select(d => DayOf(d["_id"])).ToList(), Guid.NewGuid().ToString("N"));
                layout.Upsert(new BsonDocument { ["_id"] = "done" });
                layout.Upsert(new BsonDocument { ["_id"] = ProblemsLayout });
            }
        });
    }

    public static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly DayOf(BsonValue key) => DateOnly.ParseExact(key.AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Marks days dirty inside a write the caller already holds (the state change's transaction).</summary>
    public static void Mark(ILiteCollection<BsonDocument> dirty, IEnumerable<DateOnly> marked, string stamp)
    {
        foreach (var day in marked)
        {
            dirty.Upsert(new BsonDocument { ["_id"] = Key(day), ["Stamp"] = stamp });
        }
    }

    public Task MarkDirtyAsync(IReadOnlyCollection<DateOnly> marked, CancellationToken cancellationToken)
    {
        var stamp = Guid.NewGuid().ToString("N");
        return database.WriteAsync(() => Mark(dirty, marked.Distinct().Order(), stamp));
    }

    public Task<IReadOnlyList<DirtyDay>> ListDirtyAsync(int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<DirtyDay> found = [.. dirty.Query().OrderBy("_id").Limit(limit).ToList().Select(d => new DirtyDay(DayOf(d["_id"]), d["Stamp"].AsString))];
        return Task.FromResult(found);
    }

    public Task<bool> ReplaceAsync(
        DirtyDay day,
        IReadOnlyCollection<DailyFigure> replacement,
        IReadOnlyCollection<EventFigure> eventFigures,
        IReadOnlyCollection<DailyProblem> dayProblems,
        CancellationToken cancellationToken)
    {
        var key = Key(day.Day);
        var documents = replacement.Select(f => ToDocument(key, f)).ToList();
        var eventDocuments = eventFigures.Select(f => ToDocument(key, f)).ToList();

        // The day's problems in documents keyed "day|part", which sort as the days do, after the day's own key.
        var problemDocuments = dayProblems.Chunk(ProblemsPerDocument)
            .Select((rows, part) => new BsonDocument { ["_id"] = string.Create(CultureInfo.InvariantCulture, $"{key}|{part:D4}"), ["Rows"] = new BsonArray(rows.Select(ToDocument)) })
            .ToList();
        return database.WriteAsync(() =>
        {
            if (dirty.FindById(key) is not { } mark || mark["Stamp"].AsString != day.Stamp)
            {
                return false;
            }

            dirty.Delete(key);
            figures.DeleteMany(LiteDbFilter.Of("$.Day = {0}", key).ToExpression());
            if (documents.Count > 0)
            {
                figures.InsertBulk(documents);
            }

            events.DeleteMany(LiteDbFilter.Of("$.Day = {0}", key).ToExpression());
            if (eventDocuments.Count > 0)
            {
                events.InsertBulk(eventDocuments);
            }

            problems.DeleteMany(LiteDbFilter.Range("$._id", key + "|", key + "}").ToExpression());
            if (problemDocuments.Count > 0)
            {
                problems.InsertBulk(problemDocuments);
            }

            days.Upsert(new BsonDocument { ["_id"] = key });
            return true;
        });
    }

    public Task<IReadOnlySet<DateOnly>> ListCleanDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var range = LiteDbFilter.Range("$._id", Key(from), Key(to)).ToExpression();
        var computed = days.Find(range).Select(d => DayOf(d["_id"])).ToHashSet();
        computed.ExceptWith(dirty.Find(range).Select(d => DayOf(d["_id"])).ToList());
        return Task.FromResult<IReadOnlySet<DateOnly>>(computed);
    }

    public Task<IReadOnlyList<DailyFigure>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var range = LiteDbFilter.Range("$.Day", Key(from), Key(to)).ToExpression();
        IReadOnlyList<DailyFigure> found = [.. figures.Find(range).Select(FromDocument)];
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<DailyProblem>> ListProblemsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var range = LiteDbFilter.Range("$._id", Key(from), Key(to)).ToExpression();
        IReadOnlyList<DailyProblem> found = [.. problems.Find(range).SelectMany(d => d["Rows"].AsArray.Select(r => ProblemFromDocument(DayOf(d["_id"].AsString[..10]), r.AsDocument)))];
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<EventFigure>> ListEventsAsync(DateOnly from, DateOnly to, string? opd, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var range = LiteDbFilter.Range("$.Day", Key(from), Key(to)).ToExpression();
        IReadOnlyList<EventFigure> found = [.. events.Find(range).Select(EventFromDocument).Where(f => opd is null || string.Equals(f.Opd, opd, StringComparison.Ordinal))];
        return Task.FromResult(found);
    }

    // Through the account index: an account's figures are a row per day it had anything, a few hundred a year.
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> LastPostsBeforeAsync(
        IReadOnlyCollection<string> accountIds, DateOnly before, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = Key(before);
        var last = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var id in accountIds.Distinct(StringComparer.Ordinal))
        {
            // The account's days before this one, latest first, until one with a post: a few rows, not its whole history.
            var found = figures.Query()
                .Where(LiteDbFilter.Of(AccountDay + " BETWEEN {0} AND {1}", id + "|", id + "|" + key).ToExpression())
                .OrderByDescending(AccountDay)
                .ToEnumerable()
                .Where(d => d[nameof(DailyFigure.AccountId)].AsString == id && string.CompareOrdinal(d["Day"].AsString, key) < 0 && d[nameof(DailyFigure.Posts)].AsInt32 > 0)
                .Select(FromDocument)
                .FirstOrDefault();
            if (found?.LastPostAt is { } at)
            {
                last[id] = at;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(last);
    }

    public Task<IReadOnlyList<Delivery>> ListFirstDueAsync(
        DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<DeliveryStatus>? statuses, CancellationToken cancellationToken)
    {
        if (statuses is null)
        {
            return Task.FromResult(Between(nameof(Delivery.ScheduledAt), from, to, _ => true, cancellationToken));
        }

        // The statuses asked for are the rare ones (failed, held): through the status index, one status at a time (an
        // equality costs the planner less than the time range, which would read every delivery of the period), the time
        // range kept as a filter on what it finds.
        // Read without their texts and media (IDailyFigureStore): LiteDB decodes only the fields asked for, and a year's
        // problems are tens of thousands of deliveries whose texts the report never shows.
        cancellationToken.ThrowIfCancellationRequested();
        var mapper = database.Database.Mapper;
        var fields = ProblemFields(mapper);
        IReadOnlyList<Delivery> found =
        [
            .. statuses.Distinct().SelectMany(status => deliveries.SelectMany(c => c.Query().Where(LiteDbFilter.Of($"$.{nameof(Delivery.Status)} = {{0}}", status.ToString())
                    .And($"$.{nameof(Delivery.ScheduledAt)} >= {{0}}", from.UtcDateTime)
                    .And($"$.{nameof(Delivery.ScheduledAt)} < {{0}}", to.UtcDateTime).ToExpression()).Select(fields).ToEnumerable()))
                .Select(d => WithoutText(mapper, d)),
        ];
        return Task.FromResult(found);
    }

    private static readonly string[] LeftOut = [nameof(Delivery.Text), nameof(Delivery.MediaIds)];

    private BsonExpression? problemFields;

    /// <summary>Every field of a delivery but its text and media, as a projection (the mapper's: each public property, the id as <c>_id</c>).</summary>
    private BsonExpression ProblemFields(BsonMapper mapper) => problemFields ??= BsonExpression.Create(
        "{ " + string.Join(", ", typeof(Delivery).GetProperties()
            .Where(p => p.CanRead && p.CanWrite && !LeftOut.Contains(p.Name, StringComparer.Ordinal))
            .Select(p => p.Name == nameof(Delivery.Id) ? "_id" : mapper.ResolveFieldName(p.Name))) + " }");

    // A field the document lacks comes out of the projection as null: left out, it maps as it would from the whole document.
    private static Delivery WithoutText(BsonMapper mapper, BsonDocument projected)
    {
        foreach (var name in projected.Where(f => f.Value.IsNull).Select(f => f.Key).ToList())
        {
            projected.Remove(name);
        }

        projected[nameof(Delivery.Text)] = string.Empty;
        return mapper.ToObject<Delivery>(projected);
    }

    public Task<IReadOnlyList<Delivery>> ListPublishedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult(Between(nameof(Delivery.PublishedAt), from, to, _ => true, cancellationToken));

    public Task<IReadOnlySet<(string AccountId, string RemotePostId)>> ListPublishedPostIdsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var range = Between(nameof(Delivery.PublishedAt), from, to);
        var found = new HashSet<(string, string)>();
        foreach (var collection in deliveries)
        {
            foreach (var post in collection.Query().Where(range).Select(PostIdFields).ToEnumerable())
            {
                if (post["r"].IsString)
                {
                    found.Add((post["a"].AsString, post["r"].AsString));
                }
            }
        }

        return Task.FromResult<IReadOnlySet<(string AccountId, string RemotePostId)>>(found);
    }

    public Task<IReadOnlyList<Item>> ListEventEndedAsync(DateTimeOffset from, DateTimeOffset to, string? opd, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var range = Between(nameof(Item.EventEndedAt), from, to);
        var mapper = database.Database.Mapper;
        IReadOnlyList<Item> found = [.. items.SelectMany(c => c.Find(range)).Select(mapper.ToObject<Item>).Where(i => opd is null || string.Equals(i.Opd, opd, StringComparison.Ordinal))];
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<Item>> ListLastEventEndedAsync(DateTimeOffset from, DateTimeOffset to, string? opd, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var terms = LiteDbFilter.Of($"$.{nameof(Item.EventEndedAt)} >= {{0}}", from.UtcDateTime)
            .And($"$.{nameof(Item.EventEndedAt)} < {{0}}", to.UtcDateTime)
            .And($"$.{nameof(Item.Status)} != {{0}}", nameof(ItemStatus.Rejected));
        if (opd is not null)
        {
            terms = terms.And($"$.{nameof(Item.Opd)} = {{0}}", opd);
        }

        var filter = terms.ToExpression();

        // Each collection in the index's order backwards, stopping at the limit; the two merged.
        var mapper = database.Database.Mapper;
        IReadOnlyList<Item> found =
        [
            .. items.SelectMany(c => c.Query().Where(filter).OrderByDescending(nameof(Item.EventEndedAt)).Limit(limit).ToList())
                .Select(mapper.ToObject<Item>)
                .OrderByDescending(i => i.EventEndedAt)
                .ThenByDescending(i => i.Id, StringComparer.Ordinal)
                .Take(limit),
        ];
        return Task.FromResult(found);
    }

    public Task<DateTimeOffset?> EarliestDueAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        DateTimeOffset? earliest = null;
        foreach (var collection in deliveries)
        {
            var first = collection.Query().OrderBy(nameof(Delivery.ScheduledAt)).Select(nameof(Delivery.ScheduledAt)).Limit(1).ToDocuments().FirstOrDefault();
            if (first is not null && first[nameof(Delivery.ScheduledAt)] is { IsDateTime: true } at)
            {
                var value = new DateTimeOffset(DateTime.SpecifyKind(at.AsDateTime.ToUniversalTime(), DateTimeKind.Utc));
                earliest = earliest is null || value < earliest ? value : earliest;
            }
        }

        return Task.FromResult(earliest);
    }

    private IReadOnlyList<Delivery> Between(string field, DateTimeOffset from, DateTimeOffset to, Func<Delivery, bool> keep, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var range = Between(field, from, to);
        var mapper = database.Database.Mapper;
        return [.. deliveries.SelectMany(c => c.Find(range)).Select(mapper.ToObject<Delivery>).Where(keep)];
    }

    /// <summary>[from, to) on a time field, the times parameters (each shape of query compiled once: <see cref="LiteDbFilter"/>).</summary>
    private static BsonExpression Between(string field, DateTimeOffset from, DateTimeOffset to) =>
        LiteDbFilter.Range($"$.{field}", from.UtcDateTime, to.UtcDateTime).ToExpression();

    private static BsonDocument ToDocument(string day, DailyFigure f) => new()
    {
        ["_id"] = day + "|" + f.AccountId,
        ["Day"] = day,
        [nameof(DailyFigure.AccountId)] = f.AccountId,
        [nameof(DailyFigure.Published)] = f.Published,
        [nameof(DailyFigure.Failed)] = f.Failed,
        [nameof(DailyFigure.Held)] = f.Held,
        [nameof(DailyFigure.Pending)] = f.Pending,
        [nameof(DailyFigure.Cancelled)] = f.Cancelled,
        [nameof(DailyFigure.Other)] = f.Other,
        [nameof(DailyFigure.Posts)] = f.Posts,
        [nameof(DailyFigure.LastPostAt)] = f.LastPostAt is { } at ? new BsonValue(at.UtcDateTime) : BsonValue.Null,
    };

    private static BsonDocument ToDocument(string day, EventFigure f) => new()
    {
        ["_id"] = day + "|" + f.Opd,
        ["Day"] = day,
        [nameof(EventFigure.Opd)] = f.Opd,
        [nameof(EventFigure.Items)] = f.Items,
        [nameof(EventFigure.Met)] = f.Met,
        [nameof(EventFigure.Missed)] = f.Missed,
        [nameof(EventFigure.Unpublished)] = f.Unpublished,
        [nameof(EventFigure.TargetMinutes)] = f.TargetMinutes,
    };

    private static BsonDocument ToDocument(DailyProblem p) => new()
    {
        [nameof(DailyProblem.DeliveryId)] = p.DeliveryId,
        [nameof(DailyProblem.ItemId)] = p.ItemId,
        [nameof(DailyProblem.AccountId)] = p.AccountId,
        [nameof(DailyProblem.Platform)] = p.Platform,
        [nameof(DailyProblem.Status)] = p.Status.ToString(),
        [nameof(DailyProblem.Error)] = p.Error is { } error ? new BsonValue(error) : BsonValue.Null,
        [nameof(DailyProblem.ErrorCode)] = p.ErrorCode is { } code ? new BsonValue(code) : BsonValue.Null,
        [nameof(DailyProblem.Attempts)] = p.Attempts,
        [nameof(DailyProblem.ScheduledAt)] = p.ScheduledAt.UtcDateTime,
        [nameof(DailyProblem.UpdatedAt)] = p.UpdatedAt.UtcDateTime,
    };

    private static DailyProblem ProblemFromDocument(DateOnly day, BsonDocument d) => new(
        day,
        d[nameof(DailyProblem.DeliveryId)].AsString,
        d[nameof(DailyProblem.ItemId)].AsString,
        d[nameof(DailyProblem.AccountId)].AsString,
        d[nameof(DailyProblem.Platform)].AsString,
        Enum.Parse<DeliveryStatus>(d[nameof(DailyProblem.Status)].AsString),
        d[nameof(DailyProblem.Error)] is { IsString: true } error ? error.AsString : null,
        d[nameof(DailyProblem.ErrorCode)] is { IsString: true } code ? code.AsString : null,
        d[nameof(DailyProblem.Attempts)].AsInt32,
        Instant(d[nameof(DailyProblem.ScheduledAt)]),
        Instant(d[nameof(DailyProblem.UpdatedAt)]));

    private static DateTimeOffset Instant(BsonValue value) => new(DateTime.SpecifyKind(value.AsDateTime.ToUniversalTime(), DateTimeKind.Utc));

    private static EventFigure EventFromDocument(BsonDocument d) => new(
        DayOf(d["Day"]),
        d[nameof(EventFigure.Opd)].AsString,
        d[nameof(EventFigure.Items)].AsInt32,
        d[nameof(EventFigure.Met)].AsInt32,
        d[nameof(EventFigure.Missed)].AsInt32,
        d[nameof(EventFigure.Unpublished)].AsInt32,
        d[nameof(EventFigure.TargetMinutes)].AsInt32);

    private static DailyFigure FromDocument(BsonDocument d) => new(
        DayOf(d["Day"]),
        d[nameof(DailyFigure.AccountId)].AsString,
        d[nameof(DailyFigure.Published)].AsInt32,
        d[nameof(DailyFigure.Failed)].AsInt32,
        d[nameof(DailyFigure.Held)].AsInt32,
        d[nameof(DailyFigure.Pending)].AsInt32,
        d[nameof(DailyFigure.Cancelled)].AsInt32,
        d[nameof(DailyFigure.Other)].AsInt32,
        d[nameof(DailyFigure.Posts)].AsInt32,
        d[nameof(DailyFigure.LastPostAt)].IsDateTime ? new DateTimeOffset(DateTime.SpecifyKind(d[nameof(DailyFigure.LastPostAt)].AsDateTime.ToUniversalTime(), DateTimeKind.Utc)) : null);
}
