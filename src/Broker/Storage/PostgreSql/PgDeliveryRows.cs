using System.Globalization;
using Broker.Dispatch;
using Npgsql;
using NpgsqlTypes;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// Keyset pages of a deliveries table (the working one or the archive) in (due time, id) order, each through the
/// (due_at, id) index from the cursor on: whole deliveries for <see cref="IDeliveryStore.ListPageAsync"/>, or only the
/// fields the deliveries pages show (<see cref="DeliveryRow"/>), read out of the document by PostgreSQL.
/// </summary>
internal static class PgDeliveryRows
{
    /// <summary>What a <see cref="DeliveryRow"/> reads, its attempts after its own fields, due time and id last (the cursor's columns).</summary>
    private const string RowFields = """
        item_id, account_id, status, doc->>'Platform', doc->>'PublishedAt', doc->>'ScheduledAt', (doc->>'Attempts')::int,
        doc->>'ErrorCode', doc->>'Error', due_at, id
        """;

    /// <summary>What a row without its attempts reads (<see cref="DeliveryListQuery.WithAttempts"/>).</summary>
    private const string BriefFields = "item_id, account_id, status, doc->>'Platform', doc->>'PublishedAt', due_at, id";

    public static async Task<Page<DeliveryRow>> ListRowsAsync(
        PgDatabase database, string table, DeliveryListQuery query, PageCursor? after, int limit, CancellationToken cancellationToken)
    {
        if (query.Statuses.Count == 0 || query.AccountIds is { Count: 0 })
        {
            return new Page<DeliveryRow>([], null);
        }

        var (sql, parameters) = Select(query.WithAttempts ? RowFields : BriefFields, table, query, after, limit);
        var read = await database.ListAsync(sql, reader => ReadRow(reader, query.WithAttempts), cancellationToken, parameters);
        return Page<DeliveryRow>.Of(read, limit, r => r, r => r.Cursor);
    }

    /// <summary>
    /// The statement that reads <paramref name="columns"/> (ending in due time and id) of up to <paramref name="limit"/>
    /// + 1 rows of <paramref name="query"/> after <paramref name="after"/>: the extra row tells there is a next page.
    /// </summary>
    public static (string Sql, NpgsqlParameter[] Parameters) Select(string columns, string table, DeliveryListQuery query, PageCursor? after, int limit)
    {
        var parameters = new List<NpgsqlParameter>();
        string Add(NpgsqlParameter parameter)
        {
            parameters.Add(parameter);
            return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        }

        var where = new List<string> { $"status = ANY({Add(Names(query.Statuses))})" };
        if (query.AccountIds is { } accounts)
        {
            where.Add($"account_id = ANY({Add(Value(accounts.ToArray()))})");
        }

        if (query.From is { } from)
        {
            where.Add($"due_at >= {Add(Time(from))}");
        }

        if (query.To is { } to)
        {
            where.Add($"due_at < {Add(Time(to))}");
        }

        var (order, past) = query.LatestFirst ? ("DESC", "<") : ("ASC", ">");
        if (after is { } cursor)
        {
            where.Add($"(due_at, id) {past} ({Add(Time(cursor.At))}, {Add(Value(cursor.Id))})");
        }

        var sql = $"SELECT {columns} FROM {table} WHERE {string.Join(" AND ", where)} ORDER BY due_at {order}, id {order} LIMIT {Add(Value(limit + 1))}";
        return (sql, [.. parameters]);
    }

    public static NpgsqlParameter<string[]> Names(IReadOnlyCollection<DeliveryStatus> statuses) =>
        new() { TypedValue = [.. statuses.Select(s => s.ToString())], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static DeliveryRow ReadRow(NpgsqlDataReader reader, bool withAttempts)
    {
        var cursor = PgPaging.CursorOf(reader, withAttempts ? 9 : 5);
        return new DeliveryRow(
            cursor.Id,
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(3),
            Enum.Parse<DeliveryStatus>(reader.GetString(2)),
            cursor.At,
            reader.IsDBNull(4) ? null : Instant(reader.GetString(4)),
            withAttempts
                ? new DeliveryRowAttempts(
                    Instant(reader.GetString(5)),
                    reader.IsDBNull(6) ? 0 : reader.GetInt32(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8))
                : null);
    }

    // The document's instants are ISO 8601 with their offset, as System.Text.Json writes a DateTimeOffset.
    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
