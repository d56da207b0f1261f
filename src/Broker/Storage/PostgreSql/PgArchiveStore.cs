using Broker.Dispatch;
using Broker.Intake;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// <see cref="IArchiveStore"/> on PostgreSQL (migration 0250). A batch is one transaction: its candidate items are locked
/// <c>FOR UPDATE SKIP LOCKED</c>, so two nodes archiving at once take different items, and a state change racing over one
/// waits for the move and then finds no row at its version (it lost, as against any other writer); their deliveries are
/// locked, checked and moved with them, each table by a delete that returns what it inserts into the archive.
/// </summary>
internal sealed class PgArchiveStore(PgDatabase database) : IArchiveStore
{
    private const string Candidates = """
        SELECT created_at, id, version, doc FROM items
        WHERE status = ANY($1) AND created_at < $2 AND (created_at, id) > ($3, $4)
        ORDER BY created_at, id LIMIT $5 FOR UPDATE SKIP LOCKED
        """;

    private const string TheirDeliveries = "SELECT version, doc FROM deliveries WHERE item_id = ANY($1) ORDER BY id FOR UPDATE";

    public const string MoveDeliveries = """
        WITH moved AS (DELETE FROM deliveries WHERE item_id = ANY($1) RETURNING id, version, item_id, account_id, status, due_at, doc)
        INSERT INTO deliveries_archive (id, version, item_id, account_id, status, due_at, doc) SELECT * FROM moved
        """;

    public const string MoveItems = """
        WITH moved AS (DELETE FROM items WHERE id = ANY($1) RETURNING id, version, status, opd, account_count, created_at, doc)
        INSERT INTO items_archive (id, version, status, opd, account_count, created_at, doc) SELECT * FROM moved
        """;

    // The item's row first: its delete locks it, so a second restore waits, then finds nothing and moves nothing.
    private const string RestoreItem = """
        WITH moved AS (DELETE FROM items_archive WHERE id = $1 RETURNING id, version, status, opd, account_count, created_at, doc)
        INSERT INTO items (id, version, status, opd, account_count, created_at, doc) SELECT * FROM moved
        """;

    private const string RestoreDeliveries = """
        WITH moved AS (DELETE FROM deliveries_archive WHERE item_id = $1 RETURNING id, version, item_id, account_id, status, due_at, doc)
        INSERT INTO deliveries (id, version, item_id, account_id, status, due_at, needs_reconcile, doc)
        SELECT id, version, item_id, account_id, status, due_at, COALESCE((doc->>'NeedsReconcile')::boolean, false), doc FROM moved
        """;

    public async Task<bool> RestoreAsync(string itemId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ExecuteAsync(connection, RestoreItem, cancellationToken, Value(itemId)) == 0)
        {
            return false;
        }

        await ExecuteAsync(connection, RestoreDeliveries, cancellationToken, Value(itemId));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<ArchiveBatch> ArchiveAsync(DateTimeOffset finishedBefore, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var from = after ?? new PageCursor(DateTimeOffset.UnixEpoch.AddYears(-100), string.Empty);
        var candidates = await ReadAsync(
            connection,
            Candidates,
            r => (Item: ReadItem(r, 2), Cursor: PgPaging.CursorOf(r, 0)),
            cancellationToken,
            Value(ArchiveRule.FinishedItems.Select(s => s.ToString()).ToArray()),
            Time(finishedBefore),
            Time(from.At),
            Value(from.Id),
            Value(limit));
        if (candidates.Count == 0)
        {
            return new ArchiveBatch(0, 0, null);
        }

        var next = candidates.Count < limit ? (PageCursor?)null : candidates[^1].Cursor;
        var ids = candidates.Select(c => c.Item.Id).ToArray();
        var deliveries = (await ReadAsync(connection, TheirDeliveries, r => ReadDelivery(r, 0), cancellationToken, Value(ids)))
            .ToLookup(d => d.ItemId, StringComparer.Ordinal);
        var finished = candidates.Select(c => c.Item).Where(i => ArchiveRule.IsFinished(i, deliveries[i.Id], finishedBefore)).Select(i => i.Id).ToArray();
        if (finished.Length == 0)
        {
            return new ArchiveBatch(0, 0, next);
        }

        var movedDeliveries = await ExecuteAsync(connection, MoveDeliveries, cancellationToken, Value(finished));
        var movedItems = await ExecuteAsync(connection, MoveItems, cancellationToken, Value(finished));
        await transaction.CommitAsync(cancellationToken);
        return new ArchiveBatch(movedItems, movedDeliveries, next);
    }

    public Task<Page<DeliveryRow>> ListRowsAsync(DeliveryListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken) =>
        PgDeliveryRows.ListRowsAsync(database, "deliveries_archive", query, after, limit, cancellationToken);

    public Task<IReadOnlyList<Item>> ListCreatedAsync(DateTimeOffset from, DateTimeOffset to, PageCursor? after, int limit, CancellationToken cancellationToken) =>
        database.ListAsync(
            "SELECT version, doc FROM items_archive WHERE created_at >= $1 AND created_at < $2 AND (created_at, id) > ($3, $4) ORDER BY created_at, id LIMIT $5",
            r => ReadItem(r, 0),
            cancellationToken,
            Time(from),
            Time(to),
            Time(after?.At ?? from.AddTicks(-1)),
            Value(after?.Id ?? string.Empty),
            Value(limit));

    private static async Task<List<T>> ReadAsync<T>(
        NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Item ReadItem(NpgsqlDataReader reader, int version)
    {
        var item = Read(reader, version + 1, PgJsonContext.Default.Item);
        item.Version = reader.GetInt64(version);
        return item;
    }

    private static Delivery ReadDelivery(NpgsqlDataReader reader, int version)
    {
        var delivery = Read(reader, version + 1, PgJsonContext.Default.Delivery);
        delivery.Version = reader.GetInt64(version);
        return delivery;
    }
}
