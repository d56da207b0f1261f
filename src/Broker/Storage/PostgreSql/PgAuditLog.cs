using System.Text;
using Broker.Audit;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

internal sealed class PgAuditLog(PgDatabase database) : IAuditLog
{
    private const string InsertMany = """
        INSERT INTO audit (id, at, actor, object_id, doc)
        SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::jsonb[])
        """;

    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        database.ExecuteAsync(InsertMany, cancellationToken, Rows([entry]));

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT doc FROM audit WHERE true");
        var parameters = new List<NpgsqlParameter>();
        void Where(string condition, NpgsqlParameter parameter)
        {
            parameters.Add(parameter);
            sql.Append(" AND ").Append(condition).Append(" $").Append(parameters.Count);
        }

        if (query.ObjectId is { } objectId)
        {
            Where("object_id =", Value(objectId));
        }

        if (query.Actor is { } actor)
        {
            Where("actor =", Value(actor));
        }

        if (query.From is { } from)
        {
            Where("at >=", Time(from));
        }

        if (query.To is { } to)
        {
            Where("at <", Time(to));
        }

        parameters.Add(Value(query.Limit));
        sql.Append(" ORDER BY at, id LIMIT $").Append(parameters.Count);
        return database.ListAsync(sql.ToString(), r => Read(r, 0, PgJsonContext.Default.AuditEntry), cancellationToken, [.. parameters]);
    }

    public Task<IReadOnlyList<AuditEntry>> PageAsync(AuditQuery query, AuditCursor? cursor, bool newestFirst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT doc, at FROM audit WHERE true");
        var parameters = new List<NpgsqlParameter>();
        string Next(NpgsqlParameter parameter)
        {
            parameters.Add(parameter);
            return "$" + parameters.Count;
        }

        if (query.ObjectId is { } objectId)
        {
            sql.Append(" AND object_id = ").Append(Next(Value(objectId)));
        }

        if (query.Actor is { } actor)
        {
            sql.Append(" AND actor = ").Append(Next(Value(actor)));
        }

        if (query.From is { } from)
        {
            sql.Append(" AND at >= ").Append(Next(Time(from)));
        }

        if (query.To is { } to)
        {
            sql.Append(" AND at < ").Append(Next(Time(to)));
        }

        // A row comparison on (at, id): an index range on audit_at (or audit_object_at), whichever way it is read.
        if (cursor is not null)
        {
            sql.Append(newestFirst ? " AND (at, id) < (" : " AND (at, id) > (").Append(Next(Time(cursor.At))).Append(", ").Append(Next(Value(cursor.Id))).Append(')');
        }

        sql.Append(newestFirst ? " ORDER BY at DESC, id DESC" : " ORDER BY at, id").Append(" LIMIT ").Append(Next(Value(query.Limit)));

        // The time as stored (to the microsecond), so a cursor made from an entry compares equal to its row.
        return database.ListAsync(sql.ToString(), r =>
        {
            var entry = Read(r, 0, PgJsonContext.Default.AuditEntry);
            entry.At = new DateTimeOffset(r.GetFieldValue<DateTime>(1), TimeSpan.Zero);
            return entry;
        }, cancellationToken, [.. parameters]);
    }

    public Task<IReadOnlyList<AuditEntry>> ListPageAsync(DateTimeOffset from, DateTimeOffset to, string? afterId, int limit, CancellationToken cancellationToken) =>
        database.ListAsync(
            "SELECT doc FROM audit WHERE at >= $1 AND at < $2 AND id > $3 ORDER BY id LIMIT $4",
            r => Read(r, 0, PgJsonContext.Default.AuditEntry),
            cancellationToken,
            Time(from),
            Time(to),
            Value(afterId ?? string.Empty),
            Value(limit));

    /// <summary>The insert of <paramref name="entries"/> in one statement, for a write of the log or a state change's.</summary>
    public static NpgsqlBatchCommand Insert(IReadOnlyCollection<AuditEntry> entries)
    {
        var command = new NpgsqlBatchCommand(InsertMany);
        command.Parameters.AddRange(Rows(entries));
        return command;
    }

    private static NpgsqlParameter[] Rows(IReadOnlyCollection<AuditEntry> entries) =>
    [
        Value(entries.Select(e => e.Id).ToArray()),
        Value(entries.Select(e => e.At.UtcDateTime).ToArray()),
        Value(entries.Select(e => e.Actor).ToArray()),
        Value(entries.Select(e => e.ObjectId).ToArray()),
        Documents(entries, PgJsonContext.Default.AuditEntry),
    ];
}
