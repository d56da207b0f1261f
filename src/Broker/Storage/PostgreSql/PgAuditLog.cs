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
