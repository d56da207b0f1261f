using System.Runtime.CompilerServices;
using Broker.Dispatch;
using Broker.Scheduling;
using Npgsql;
using NpgsqlTypes;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

internal sealed class PgDeliveryStore(PgDatabase database) : IDeliveryStore
{
    // Start-up recovery reads the pending deliveries a page at a time, so a long list is never held at once.
    private const int Batch = 500;

    // An archived delivery, and an archived item's deliveries, are still found, in the same statement as the working ones
    // (an item moves with all its deliveries in one transaction); the lists by status never read the archive.
    private const string Get = "SELECT version, doc FROM deliveries WHERE id = $1 UNION ALL SELECT version, doc FROM deliveries_archive WHERE id = $1 LIMIT 1";

    private const string ByItems = """
        SELECT version, doc, id FROM deliveries WHERE item_id = ANY($1)
        UNION ALL SELECT version, doc, id FROM deliveries_archive WHERE item_id = ANY($1) ORDER BY 3
        """;

    private const string Pending = """
        SELECT id, item_id, status, due_at, needs_reconcile FROM deliveries
        WHERE status IN ('Scheduled', 'Retrying', 'Publishing') AND id > $1 ORDER BY id LIMIT $2
        """;

    private const string InsertMany = """
        INSERT INTO deliveries (id, version, item_id, account_id, status, due_at, needs_reconcile, doc)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::boolean[], $8::jsonb[])
        """;

    private const string UpdateAt = """
        WITH changed AS (
            UPDATE deliveries SET version = version + 1, leased_until = NULL, leased_by = NULL, item_id = $3, account_id = $4, status = $5, due_at = $6, needs_reconcile = $7, doc = $8
            WHERE id = $1 AND version = $2 RETURNING 1)
        SELECT broker_expect_one(count(*)) FROM changed
        """;

    public Task<Delivery?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync(Get, ReadDelivery, cancellationToken, Value(id));

    public Task AddManyAsync(IReadOnlyCollection<Delivery> deliveries, CancellationToken cancellationToken) =>
        deliveries.Count == 0 ? Task.CompletedTask : database.ExecuteAsync(InsertMany, cancellationToken, InsertParameters(deliveries));

    public Task<IReadOnlyList<Delivery>> ListByItemAsync(string itemId, CancellationToken cancellationToken) =>
        database.ListAsync(ByItems, ReadDelivery, cancellationToken, Value(new[] { itemId }));

    public Task<IReadOnlyList<Delivery>> ListByItemsAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken) =>
        database.ListAsync(ByItems, ReadDelivery, cancellationToken, Value(itemIds.ToArray()));

    public Task<IReadOnlyList<ItemDeliveryStatus>> ListStatusesByItemsAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken) =>
        database.ListAsync(
            "SELECT item_id, status FROM deliveries WHERE item_id = ANY($1) UNION ALL SELECT item_id, status FROM deliveries_archive WHERE item_id = ANY($1)",
            reader => new ItemDeliveryStatus(reader.GetString(0), Enum.Parse<DeliveryStatus>(reader.GetString(1))),
            cancellationToken,
            Value(itemIds.ToArray()));

    public Task<IReadOnlyList<Delivery>> ListByStatusAsync(IReadOnlyCollection<DeliveryStatus> statuses, CancellationToken cancellationToken) =>
        database.ListAsync("SELECT version, doc FROM deliveries WHERE status = ANY($1) ORDER BY id", ReadDelivery, cancellationToken, Names(statuses));

    public async Task<Page<Delivery>> ListPageAsync(DeliveryListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        if (query.Statuses.Count == 0 || query.AccountIds is { Count: 0 })
        {
            return new Page<Delivery>([], null);
        }

        var (sql, parameters) = PgDeliveryRows.Select("version, doc, due_at, id", "deliveries", query, after, limit);
        var read = await database.ListAsync(sql, reader => (Delivery: ReadDelivery(reader), Cursor: PgPaging.CursorOf(reader, 2)), cancellationToken, parameters);
        return Page<Delivery>.Of(read, limit, r => r.Delivery, r => r.Cursor);
    }

    public Task<Page<DeliveryRow>> ListRowsAsync(DeliveryListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken) =>
        PgDeliveryRows.ListRowsAsync(database, "deliveries", query, after, limit, cancellationToken);

    public Task<IReadOnlyList<Delivery>> ListByAccountAsync(string accountId, IReadOnlyCollection<DeliveryStatus> statuses, CancellationToken cancellationToken) =>
        database.ListAsync(
            "SELECT version, doc FROM deliveries WHERE account_id = $1 AND status = ANY($2) ORDER BY id",
            ReadDelivery,
            cancellationToken,
            Value(accountId),
            Names(statuses));

    public async IAsyncEnumerable<PendingDelivery> ListPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = string.Empty;
        while (true)
        {
            var batch = await database.ListAsync(Pending, ReadPending, cancellationToken, Value(after), Value(Batch));
            foreach (var pending in batch)
            {
                yield return pending;
            }

            if (batch.Count < Batch)
            {
                yield break;
            }

            after = batch[^1].Id;
        }
    }

    /// <summary>One count per pending status, through the partial index of pending deliveries.</summary>
    public async Task<PendingCounts> CountPendingAsync(CancellationToken cancellationToken)
    {
        var counts = await database.ListAsync(
            "SELECT status, count(*) FROM deliveries WHERE status IN ('Scheduled', 'Retrying', 'Publishing') GROUP BY status",
            reader => (Status: reader.GetString(0), Count: reader.GetInt64(1)),
            cancellationToken);
        long Of(DeliveryStatus status) => counts.FirstOrDefault(c => c.Status == status.ToString()).Count;
        return new PendingCounts(Of(DeliveryStatus.Scheduled), Of(DeliveryStatus.Retrying), Of(DeliveryStatus.Publishing));
    }

    /// <summary>The insert of <paramref name="deliveries"/> in one statement, for a store's write or a state change's.</summary>
    public static NpgsqlBatchCommand Insert(IReadOnlyCollection<Delivery> deliveries)
    {
        var command = new NpgsqlBatchCommand(InsertMany);
        command.Parameters.AddRange(InsertParameters(deliveries));
        return command;
    }

    /// <summary>The compare-and-set of one delivery: it aborts the change when the stored one is not at <see cref="Delivery.Version"/>.</summary>
    public static NpgsqlBatchCommand Update(Delivery delivery) => new(UpdateAt)
    {
        Parameters =
        {
            Value(delivery.Id),
            Value(delivery.Version),
            Value(delivery.ItemId),
            Value(delivery.AccountId),
            Value(delivery.Status.ToString()),
            Time(delivery.DueAt),
            Value(delivery.NeedsReconcile),
            Document(delivery, PgJsonContext.Default.Delivery),
        },
    };

    private static NpgsqlParameter[] InsertParameters(IReadOnlyCollection<Delivery> deliveries) =>
    [
        Value(deliveries.Select(d => d.Id).ToArray()),
        Value(deliveries.Select(d => d.Version).ToArray()),
        Value(deliveries.Select(d => d.ItemId).ToArray()),
        Value(deliveries.Select(d => d.AccountId).ToArray()),
        Value(deliveries.Select(d => d.Status.ToString()).ToArray()),
        Value(deliveries.Select(d => d.DueAt.UtcDateTime).ToArray()),
        Value(deliveries.Select(d => d.NeedsReconcile).ToArray()),
        Documents(deliveries, PgJsonContext.Default.Delivery),
    ];

    private static NpgsqlParameter<string[]> Names(IReadOnlyCollection<DeliveryStatus> statuses) => PgDeliveryRows.Names(statuses);

    private static Delivery ReadDelivery(NpgsqlDataReader reader)
    {
        var delivery = Read(reader, 1, PgJsonContext.Default.Delivery);
        delivery.Version = reader.GetInt64(0);
        return delivery;
    }

    private static PendingDelivery ReadPending(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        Enum.Parse<DeliveryStatus>(reader.GetString(2)),
        new DateTimeOffset(reader.GetFieldValue<DateTime>(3), TimeSpan.Zero),
        reader.GetBoolean(4));
}
