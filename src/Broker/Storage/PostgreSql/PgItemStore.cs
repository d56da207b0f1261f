using System.Runtime.CompilerServices;
using Broker.Intake;
using Broker.Scheduling;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

internal sealed class PgItemStore(PgDatabase database) : IItemStore
{
    private const int Batch = 500;

    private const string InsertOne = """
        INSERT INTO items (id, version, status, opd, account_count, created_at, doc) VALUES ($1, $2, $3, $4, $5, $6, $7)
        """;

    private const string UpdateAt = """
        WITH changed AS (
            UPDATE items SET version = version + 1, status = $3, opd = $4, account_count = $5, created_at = $6, doc = $7
            WHERE id = $1 AND version = $2 RETURNING 1)
        SELECT broker_expect_one(count(*)) FROM changed
        """;

    private const string Live = """
        SELECT id, account_count, status FROM items
        WHERE status IN ('Approved', 'Published', 'Failed') AND id > $1 ORDER BY id LIMIT $2
        """;

    private const string Approved = "SELECT id, account_count, status FROM items WHERE status = 'Approved' AND id > $1 ORDER BY id LIMIT $2";

    // An archived item is still found by its id (its page, the API), in the same statement, so a move between two reads
    // cannot hide it; no list reads the archive.
    private const string Get = "SELECT version, doc FROM items WHERE id = $1 UNION ALL SELECT version, doc FROM items_archive WHERE id = $1 LIMIT 1";

    public Task<Item?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync(Get, ReadItem, cancellationToken, Value(id));

    public Task AddAsync(Item item, CancellationToken cancellationToken) => database.ExecuteAsync(InsertOne, cancellationToken, Row(item));

    public Task<IReadOnlyList<Item>> ListAsync(ItemStatus? status, string? opd, CancellationToken cancellationToken)
    {
        const string Order = " ORDER BY created_at DESC, id";
        return (status, opd) switch
        {
            (null, null) => database.ListAsync("SELECT version, doc FROM items" + Order, ReadItem, cancellationToken),
            ({ } s, null) => database.ListAsync("SELECT version, doc FROM items WHERE status = $1" + Order, ReadItem, cancellationToken, Value(s.ToString())),
            (null, { } o) => database.ListAsync("SELECT version, doc FROM items WHERE opd = $1" + Order, ReadItem, cancellationToken, Value(o)),
            ({ } s, { } o) => database.ListAsync(
                "SELECT version, doc FROM items WHERE status = $1 AND opd = $2" + Order, ReadItem, cancellationToken, Value(s.ToString()), Value(o)),
        };
    }

    public Task<Page<Item>> ListPageAsync(ItemListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken) =>
        PageAsync(query, after, limit, "version, doc", ReadItem, cancellationToken);

    // The fields a list shows, from the columns and the document: no text leaves the database.
    public Task<Page<ItemSummary>> ListSummariesAsync(ItemListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken) =>
        PageAsync(
            query,
            after,
            limit,
            """
            id, doc->>'Title', opd, doc->>'SubmittedBy', status, doc->>'EventEndedAt',
            COALESCE(jsonb_array_length(doc->'MediaIds'), 0), ARRAY(SELECT jsonb_array_elements_text(doc->'AccountIds')), doc->>'ReviewComment'
            """,
            ReadSummary,
            cancellationToken);

    private async Task<Page<T>> PageAsync<T>(
        ItemListQuery query, PageCursor? after, int limit, string columns, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        string Add(NpgsqlParameter parameter)
        {
            parameters.Add(parameter);
            return "$" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (query.Status is { } status)
        {
            where.Add($"status = {Add(Value(status.ToString()))}");
        }

        if (query.Opd is { } opd)
        {
            where.Add($"opd = {Add(Value(opd))}");
        }

        if (query.SubmittedBy is { } submitter)
        {
            where.Add($"doc->>'SubmittedBy' = {Add(Value(submitter))}");
        }

        var (order, past) = query.OldestFirst ? ("ASC", ">") : ("DESC", "<");
        if (after is { } cursor)
        {
            where.Add($"(created_at, id) {past} ({Add(Time(cursor.At))}, {Add(Value(cursor.Id))})");
        }

        var filter = where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where);
        var sql = $"SELECT {columns}, created_at, id FROM items{filter} ORDER BY created_at {order}, id {order} LIMIT {Add(Value(limit + 1))}";
        var rows = await database.ListAsync(sql, reader => (Row: read(reader), Cursor: PgPaging.CursorOf(reader, reader.FieldCount - 2)), cancellationToken, [.. parameters]);
        return Page<T>.Of(rows, limit, r => r.Row, r => r.Cursor);
    }

    // The partial index items_open_until holds the ends of the items open for sharing (infinity for no end): the items open
    // at a time are one range of it, ordered here.
    public Task<IReadOnlyList<Item>> ListOpenAsync(DateTimeOffset at, int limit, CancellationToken cancellationToken) =>
        database.ListAsync(
            """
            SELECT version, doc FROM items
            WHERE doc->>'SharedAt' IS NOT NULL AND doc->>'RetractedAt' IS NULL
              AND COALESCE(broker_instant(doc->>'ShareUntil'), 'infinity') > $1
            ORDER BY broker_instant(doc->>'SharedAt') DESC, id DESC LIMIT $2
            """,
            ReadItem,
            cancellationToken,
            Time(at),
            Value(limit));

    public async Task<IReadOnlyDictionary<string, string>> GetTitlesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var found = await database.ListAsync(
            "SELECT id, doc->>'Title' FROM items WHERE id = ANY($1) UNION ALL SELECT id, doc->>'Title' FROM items_archive WHERE id = ANY($1)",
            reader => (Id: reader.GetString(0), Title: reader.GetString(1)),
            cancellationToken,
            Value(ids.ToArray()));
        return found.ToDictionary(f => f.Id, f => f.Title, StringComparer.Ordinal);
    }

    public Task<IReadOnlyList<Item>> ListPublishedAsync(string? opd, int limit, CancellationToken cancellationToken)
    {
        // The first publication is kept in the document only: the live items (few, beside all) are sorted on it.
        const string Reached = "status IN ('Approved', 'Published', 'Failed') AND (doc->>'FirstPublishedAt') IS NOT NULL";
        const string Order = " ORDER BY (doc->>'FirstPublishedAt')::timestamptz DESC, id LIMIT $1";
        return opd is null
            ? database.ListAsync($"SELECT version, doc FROM items WHERE {Reached}{Order}", ReadItem, cancellationToken, Value(limit))
            : database.ListAsync($"SELECT version, doc FROM items WHERE {Reached} AND opd = $2{Order}", ReadItem, cancellationToken, Value(limit), Value(opd));
    }

    // Few items are on their way at once: the status index narrows to them, the event's end is read from the document.
    public Task<IReadOnlyList<Item>> ListDeadlineCandidatesAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken) =>
        database.ListAsync(
            """
            SELECT version, doc FROM items
            WHERE status IN ('Submitted', 'SentBack', 'Approved', 'Failed') AND doc->>'DeadlineWarnedAt' IS NULL
              AND (doc->>'EventEndedAt')::timestamptz > $1 AND (doc->>'EventEndedAt')::timestamptz <= $2
            ORDER BY id
            """,
            ReadItem,
            cancellationToken,
            Time(after),
            Time(upTo));

    public Task<IReadOnlyList<Item>> ListCreatedAsync(DateTimeOffset from, DateTimeOffset to, PageCursor? after, int limit, CancellationToken cancellationToken) =>
        database.ListAsync(
            "SELECT version, doc FROM items WHERE created_at >= $1 AND created_at < $2 AND (created_at, id) > ($3, $4) ORDER BY created_at, id LIMIT $5",
            ReadItem,
            cancellationToken,
            Time(from),
            Time(to),
            Time(after?.At ?? from.AddTicks(-1)),
            Value(after?.Id ?? string.Empty),
            Value(limit));

    public IAsyncEnumerable<ApprovedItem> ListApprovedAsync(CancellationToken cancellationToken) => PagesAsync(Approved, cancellationToken);

    public IAsyncEnumerable<ApprovedItem> ListLiveAsync(CancellationToken cancellationToken) => PagesAsync(Live, cancellationToken);

    /// <summary>The insert of one item, for the store's write or a state change's.</summary>
    public static NpgsqlBatchCommand Insert(Item item)
    {
        var command = new NpgsqlBatchCommand(InsertOne);
        command.Parameters.AddRange(Row(item));
        return command;
    }

    /// <summary>The compare-and-set of one item: it aborts the change when the stored one is not at <see cref="Item.Version"/>.</summary>
    public static NpgsqlBatchCommand Update(Item item)
    {
        var command = new NpgsqlBatchCommand(UpdateAt);
        command.Parameters.AddRange(Row(item));
        return command;
    }

    // The parameters of both statements, in the order of their columns.
    private static NpgsqlParameter[] Row(Item item) =>
    [
        Value(item.Id),
        Value(item.Version),
        Value(item.Status.ToString()),
        Value(item.Opd),
        Value(item.AccountIds.Count),
        Time(item.CreatedAt),
        Document(item, PgJsonContext.Default.Item),
    ];

    private async IAsyncEnumerable<ApprovedItem> PagesAsync(string sql, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = string.Empty;
        while (true)
        {
            var batch = await database.ListAsync(sql, ReadApproved, cancellationToken, Value(after), Value(Batch));
            foreach (var item in batch)
            {
                yield return item;
            }

            if (batch.Count < Batch)
            {
                yield break;
            }

            after = batch[^1].Id;
        }
    }

    private static Item ReadItem(NpgsqlDataReader reader)
    {
        var item = Read(reader, 1, PgJsonContext.Default.Item);
        item.Version = reader.GetInt64(0);
        return item;
    }

    private static ItemSummary ReadSummary(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        Enum.Parse<ItemStatus>(reader.GetString(4)),
        PgPaging.CursorOf(reader, 9).At,
        reader.IsDBNull(5) ? null : DateTimeOffset.Parse(reader.GetString(5), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind),
        reader.GetInt32(6),
        reader.GetFieldValue<string[]>(7),
        reader.IsDBNull(8) ? null : reader.GetString(8));

    private static ApprovedItem ReadApproved(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetInt32(1), Enum.Parse<ItemStatus>(reader.GetString(2)));
}
