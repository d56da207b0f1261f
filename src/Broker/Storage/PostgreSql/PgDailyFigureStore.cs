using System.Globalization;
using Broker.Dispatch;
using Broker.Intake;
using Npgsql;
using NpgsqlTypes;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// <see cref="IDailyFigureStore"/> on PostgreSQL (migration 0260). A mark is a row of its own (an insert never waits on
/// another commit's lock, however busy the day), and a day's stamp is the last mark id and the number of marks read. A
/// day's figures are replaced in one transaction that deletes exactly those marks: a mark that came meanwhile (a newer
/// id, or an older id committed late) or marks another node already cleared make it write nothing. The raw rows are read
/// through the expression indexes on the documents' instants.
/// </summary>
internal sealed class PgDailyFigureStore(PgDatabase database) : IDailyFigureStore
{
    /// <summary>The statement a state change adds to its batch: marks days dirty, one new row each.</summary>
    public const string MarkSql = "INSERT INTO daily_figures_dirty (day) SELECT unnest($1::date[])";

    private const string Insert = """
        INSERT INTO daily_figures (day, account_id, published, failed, held, pending, cancelled, other, posts, last_post_at)
        SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::timestamptz[])
        """;

    private const string InsertEvents = """
        INSERT INTO daily_event_figures (day, opd, items, met, missed, unpublished, target_minutes)
        SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[])
        """;

    private const string InsertProblems = """
        INSERT INTO daily_problems (day, delivery_id, item_id, account_id, platform, status, error, error_code, attempts, scheduled_at, updated_at)
        SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::timestamptz[], $11::timestamptz[])
        ON CONFLICT (day, delivery_id) DO NOTHING
        """;

    private const string Columns = "day, account_id, published, failed, held, pending, cancelled, other, posts, last_post_at";

    private const string FirstDue = """
        SELECT version, doc FROM deliveries WHERE broker_instant(doc->>'ScheduledAt') >= $1 AND broker_instant(doc->>'ScheduledAt') < $2
        UNION ALL
        SELECT version, doc FROM deliveries_archive WHERE broker_instant(doc->>'ScheduledAt') >= $1 AND broker_instant(doc->>'ScheduledAt') < $2
        """;

    // The same with a status among $3; for failed and held only, in the words of the partial indexes' predicate.
    private const string FirstDueOf = """
        SELECT version, doc || '{"Text": "", "MediaIds": []}'::jsonb FROM deliveries WHERE broker_instant(doc->>'ScheduledAt') >= $1 AND broker_instant(doc->>'ScheduledAt') < $2 AND status = ANY($3)
        UNION ALL
        SELECT version, doc || '{"Text": "", "MediaIds": []}'::jsonb FROM deliveries_archive WHERE broker_instant(doc->>'ScheduledAt') >= $1 AND broker_instant(doc->>'ScheduledAt') < $2 AND status = ANY($3)
        """;

    private const string FirstDueProblems = """
        SELECT version, doc || '{"Text": "", "MediaIds": []}'::jsonb FROM deliveries
        WHERE broker_instant(doc->>'ScheduledAt') >= $1 AND broker_instant(doc->>'ScheduledAt') < $2 AND status IN ('Failed', 'Held') AND status = ANY($3)
        UNION ALL
        SELECT version, doc || '{"Text": "", "MediaIds": []}'::jsonb FROM deliveries_archive
        WHERE broker_instant(doc->>'ScheduledAt') >= $1 AND broker_instant(doc->>'ScheduledAt') < $2 AND status IN ('Failed', 'Held') AND status = ANY($3)
        """;

    private const string Published = """
        SELECT version, doc FROM deliveries
        WHERE doc->>'PublishedAt' IS NOT NULL AND broker_instant(doc->>'PublishedAt') >= $1 AND broker_instant(doc->>'PublishedAt') < $2
        UNION ALL
        SELECT version, doc FROM deliveries_archive
        WHERE doc->>'PublishedAt' IS NOT NULL AND broker_instant(doc->>'PublishedAt') >= $1 AND broker_instant(doc->>'PublishedAt') < $2
        """;

    private const string PublishedPostIds = """
        SELECT account_id, doc->>'RemotePostId' FROM deliveries
        WHERE doc->>'PublishedAt' IS NOT NULL AND broker_instant(doc->>'PublishedAt') >= $1 AND broker_instant(doc->>'PublishedAt') < $2
          AND doc->>'RemotePostId' IS NOT NULL
        UNION ALL
        SELECT account_id, doc->>'RemotePostId' FROM deliveries_archive
        WHERE doc->>'PublishedAt' IS NOT NULL AND broker_instant(doc->>'PublishedAt') >= $1 AND broker_instant(doc->>'PublishedAt') < $2
          AND doc->>'RemotePostId' IS NOT NULL
        """;

    /// <summary>The mark statement's command, for <see cref="PgStateChanges"/>'s batch.</summary>
    public static NpgsqlBatchCommand Mark(IReadOnlyCollection<DateOnly> days) => new(MarkSql) { Parameters = { Value(days.ToArray()) } };

    public Task MarkDirtyAsync(IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken) =>
        days.Count == 0 ? Task.CompletedTask : database.ExecuteAsync(MarkSql, cancellationToken, Value(days.Distinct().Order().ToArray()));

    public Task<IReadOnlyList<DirtyDay>> ListDirtyAsync(int limit, CancellationToken cancellationToken) =>
        database.ListAsync(
            "SELECT day, max(id), count(*) FROM daily_figures_dirty GROUP BY day ORDER BY day LIMIT $1",
            r => new DirtyDay(r.GetFieldValue<DateOnly>(0), string.Create(CultureInfo.InvariantCulture, $"{r.GetInt64(1)}:{r.GetInt64(2)}")),
            cancellationToken,
            Value(limit));

    public async Task<bool> ReplaceAsync(
        DirtyDay day,
        IReadOnlyCollection<DailyFigure> figures,
        IReadOnlyCollection<EventFigure> events,
        IReadOnlyCollection<DailyProblem> problems,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(day);
        var (last, count) = ParseStamp(day.Stamp);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Exactly the marks read, and none after them: anything else and this computation may have missed a change.
        await using (var claim = new NpgsqlCommand(
            """
            WITH cleared AS (DELETE FROM daily_figures_dirty WHERE day = $1 AND id <= $2 RETURNING 1)
            SELECT (SELECT count(*) FROM cleared), EXISTS (SELECT 1 FROM daily_figures_dirty WHERE day = $1 AND id > $2)
            """,
            connection,
            transaction))
        {
            claim.Parameters.Add(Value(day.Day));
            claim.Parameters.Add(Value(last));
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || reader.GetInt64(0) != count || reader.GetBoolean(1))
            {
                await reader.DisposeAsync();
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("DELETE FROM daily_figures WHERE day = $1") { Parameters = { Value(day.Day) } },
                new NpgsqlBatchCommand(Insert)
                {
                    Parameters =
                    {
                        Value(day.Day),
                        Value(figures.Select(f => f.AccountId).ToArray()),
                        Value(figures.Select(f => f.Published).ToArray()),
                        Value(figures.Select(f => f.Failed).ToArray()),
                        Value(figures.Select(f => f.Held).ToArray()),
                        Value(figures.Select(f => f.Pending).ToArray()),
                        Value(figures.Select(f => f.Cancelled).ToArray()),
                        Value(figures.Select(f => f.Other).ToArray()),
                        Value(figures.Select(f => f.Posts).ToArray()),
                        new NpgsqlParameter<DateTime?[]>
                        {
                            TypedValue = [.. figures.Select(f => f.LastPostAt?.UtcDateTime)],
                            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
                        },
                    },
                },
                new NpgsqlBatchCommand("DELETE FROM daily_event_figures WHERE day = $1") { Parameters = { Value(day.Day) } },
                new NpgsqlBatchCommand(InsertEvents)
                {
                    Parameters =
                    {
                        Value(day.Day),
                        Value(events.Select(f => f.Opd).ToArray()),
                        Value(events.Select(f => f.Items).ToArray()),
                        Value(events.Select(f => f.Met).ToArray()),
                        Value(events.Select(f => f.Missed).ToArray()),
                        Value(events.Select(f => f.Unpublished).ToArray()),
                        Value(events.Select(f => f.TargetMinutes).ToArray()),
                    },
                },
                new NpgsqlBatchCommand("DELETE FROM daily_problems WHERE day = $1") { Parameters = { Value(day.Day) } },
                new NpgsqlBatchCommand(InsertProblems)
                {
                    Parameters =
                    {
                        Value(day.Day),
                        Value(problems.Select(p => p.DeliveryId).ToArray()),
                        Value(problems.Select(p => p.ItemId).ToArray()),
                        Value(problems.Select(p => p.AccountId).ToArray()),
                        Value(problems.Select(p => p.Platform).ToArray()),
                        Value(problems.Select(p => p.Status.ToString()).ToArray()),
                        new NpgsqlParameter<string?[]> { TypedValue = [.. problems.Select(p => p.Error)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                        new NpgsqlParameter<string?[]> { TypedValue = [.. problems.Select(p => p.ErrorCode)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                        Value(problems.Select(p => p.Attempts).ToArray()),
                        Value(problems.Select(p => p.ScheduledAt.UtcDateTime).ToArray()),
                        Value(problems.Select(p => p.UpdatedAt.UtcDateTime).ToArray()),
                    },
                },
                new NpgsqlBatchCommand("INSERT INTO daily_figure_days (day) VALUES ($1) ON CONFLICT (day) DO NOTHING") { Parameters = { Value(day.Day) } },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlySet<DateOnly>> ListCleanDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        (await database.ListAsync(
            """
            SELECT c.day FROM daily_figure_days c
            WHERE c.day >= $1 AND c.day < $2 AND NOT EXISTS (SELECT 1 FROM daily_figures_dirty d WHERE d.day = c.day)
            """,
            r => r.GetFieldValue<DateOnly>(0),
            cancellationToken,
            Value(from),
            Value(to))).ToHashSet();

    public Task<IReadOnlyList<DailyFigure>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        database.ListAsync($"SELECT {Columns} FROM daily_figures WHERE day >= $1 AND day < $2", ReadFigure, cancellationToken, Value(from), Value(to));

    public Task<IReadOnlyList<DailyProblem>> ListProblemsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        database.ListAsync(
            """
            SELECT day, delivery_id, item_id, account_id, platform, status, error, error_code, attempts, scheduled_at, updated_at
            FROM daily_problems WHERE day >= $1 AND day < $2
            """,
            r => new DailyProblem(
                r.GetFieldValue<DateOnly>(0),
                r.GetString(1),
                r.GetString(2),
                r.GetString(3),
                r.GetString(4),
                Enum.Parse<DeliveryStatus>(r.GetString(5)),
                r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7),
                r.GetInt32(8),
                new DateTimeOffset(r.GetDateTime(9), TimeSpan.Zero),
                new DateTimeOffset(r.GetDateTime(10), TimeSpan.Zero)),
            cancellationToken,
            Value(from),
            Value(to));

    public Task<IReadOnlyList<EventFigure>> ListEventsAsync(DateOnly from, DateOnly to, string? opd, CancellationToken cancellationToken) =>
        database.ListAsync(
            "SELECT day, opd, items, met, missed, unpublished, target_minutes FROM daily_event_figures WHERE day >= $1 AND day < $2 AND ($3::text IS NULL OR opd = $3)",
            r => new EventFigure(r.GetFieldValue<DateOnly>(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6)),
            cancellationToken,
            Value(from),
            Value(to),
            Nullable(opd));

    public Task<IReadOnlyList<Item>> ListLastEventEndedAsync(DateTimeOffset from, DateTimeOffset to, string? opd, int limit, CancellationToken cancellationToken) =>
        database.ListAsync(
            """
            SELECT version, doc FROM (
                (SELECT version, doc, broker_instant(doc->>'EventEndedAt') AS ended, id FROM items
                 WHERE doc->>'EventEndedAt' IS NOT NULL AND broker_instant(doc->>'EventEndedAt') >= $1 AND broker_instant(doc->>'EventEndedAt') < $2
                   AND ($3::text IS NULL OR opd = $3) AND status <> 'Rejected'
                 ORDER BY broker_instant(doc->>'EventEndedAt') DESC LIMIT $4)
                UNION ALL
                (SELECT version, doc, broker_instant(doc->>'EventEndedAt') AS ended, id FROM items_archive
                 WHERE doc->>'EventEndedAt' IS NOT NULL AND broker_instant(doc->>'EventEndedAt') >= $1 AND broker_instant(doc->>'EventEndedAt') < $2
                   AND ($3::text IS NULL OR opd = $3) AND status <> 'Rejected'
                 ORDER BY broker_instant(doc->>'EventEndedAt') DESC LIMIT $4)
            ) latest
            ORDER BY ended DESC, id DESC LIMIT $4
            """,
            ReadItem,
            cancellationToken,
            Time(from),
            Time(to),
            Nullable(opd),
            Value(limit));

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastPostsBeforeAsync(
        IReadOnlyCollection<string> accountIds, DateOnly before, CancellationToken cancellationToken)
    {
        var found = await database.ListAsync(
            """
            SELECT a.id, last.at FROM unnest($1::text[]) AS a(id)
            CROSS JOIN LATERAL (
                SELECT f.last_post_at AS at FROM daily_figures f
                WHERE f.account_id = a.id AND f.day < $2 AND f.posts > 0 ORDER BY f.day DESC LIMIT 1) last
            """,
            r => (Id: r.GetString(0), At: new DateTimeOffset(r.GetDateTime(1), TimeSpan.Zero)),
            cancellationToken,
            Value(accountIds.Distinct(StringComparer.Ordinal).ToArray()),
            Value(before));
        return found.ToDictionary(f => f.Id, f => f.At, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<Delivery>> ListFirstDueAsync(
        DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<DeliveryStatus>? statuses, CancellationToken cancellationToken)
    {
        if (statuses is null)
        {
            return await database.ListAsync(FirstDue, ReadDelivery, cancellationToken, Time(from), Time(to));
        }

        // The failed and held ones (the delivery-health report) through their own partial indexes (migration 0300).
        var names = statuses.Select(s => s.ToString()).Distinct(StringComparer.Ordinal).ToArray();
        var problems = names.All(n => n is nameof(DeliveryStatus.Failed) or nameof(DeliveryStatus.Held));
        return await database.ListAsync(problems ? FirstDueProblems : FirstDueOf, ReadDelivery, cancellationToken, Time(from), Time(to), Value(names));
    }

    public Task<IReadOnlyList<Delivery>> ListPublishedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        database.ListAsync(Published, ReadDelivery, cancellationToken, Time(from), Time(to));

    public async Task<IReadOnlySet<(string AccountId, string RemotePostId)>> ListPublishedPostIdsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await database.ListAsync(PublishedPostIds, r => (r.GetString(0), r.GetString(1)), cancellationToken, Time(from), Time(to))).ToHashSet();

    public Task<IReadOnlyList<Item>> ListEventEndedAsync(DateTimeOffset from, DateTimeOffset to, string? opd, CancellationToken cancellationToken) =>
        database.ListAsync(
            """
            SELECT version, doc FROM items
            WHERE doc->>'EventEndedAt' IS NOT NULL AND broker_instant(doc->>'EventEndedAt') >= $1 AND broker_instant(doc->>'EventEndedAt') < $2 AND ($3::text IS NULL OR opd = $3)
            UNION ALL
            SELECT version, doc FROM items_archive
            WHERE doc->>'EventEndedAt' IS NOT NULL AND broker_instant(doc->>'EventEndedAt') >= $1 AND broker_instant(doc->>'EventEndedAt') < $2 AND ($3::text IS NULL OR opd = $3)
            """,
            ReadItem,
            cancellationToken,
            Time(from),
            Time(to),
            Nullable(opd));

    public async Task<DateTimeOffset?> EarliestDueAsync(CancellationToken cancellationToken)
    {
        var found = await database.ListAsync(
            """
            SELECT least(
                (SELECT min(broker_instant(doc->>'ScheduledAt')) FROM deliveries),
                (SELECT min(broker_instant(doc->>'ScheduledAt')) FROM deliveries_archive))
            """,
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : new DateTimeOffset(r.GetDateTime(0), TimeSpan.Zero),
            cancellationToken);
        return found[0];
    }

    private static DailyFigure ReadFigure(NpgsqlDataReader r) => new(
        r.GetFieldValue<DateOnly>(0),
        r.GetString(1),
        r.GetInt32(2),
        r.GetInt32(3),
        r.GetInt32(4),
        r.GetInt32(5),
        r.GetInt32(6),
        r.GetInt32(7),
        r.GetInt32(8),
        r.IsDBNull(9) ? null : new DateTimeOffset(r.GetDateTime(9), TimeSpan.Zero));

    private static Item ReadItem(NpgsqlDataReader reader)
    {
        var item = Read(reader, 1, PgJsonContext.Default.Item);
        item.Version = reader.GetInt64(0);
        return item;
    }

    private static Delivery ReadDelivery(NpgsqlDataReader reader)
    {
        var delivery = Read(reader, 1, PgJsonContext.Default.Delivery);
        delivery.Version = reader.GetInt64(0);
        return delivery;
    }

    private static (long Last, long Count) ParseStamp(string stamp) =>
        stamp.Split(':') is [var last, var count]
            && long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
            && long.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var c)
            ? (l, c)
            : throw new ArgumentException($"'{stamp}' is not a PostgreSQL day stamp (last mark id:marks).", nameof(stamp));
}
