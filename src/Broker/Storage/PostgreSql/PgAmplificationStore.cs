using Broker.Amplification;
using Npgsql;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

internal sealed class PgAmplificationStore(PgDatabase database) : IAmplificationStore
{
    private const string InsertOne = """
        INSERT INTO amplification_requests (id, version, opd, status, created_at, doc) VALUES ($1, $2, $3, $4, $5, $6)
        """;

    private const string UpdateAt = """
        WITH changed AS (
            UPDATE amplification_requests SET version = version + 1, opd = $3, status = $4, created_at = $5, doc = $6
            WHERE id = $1 AND version = $2 RETURNING 1)
        SELECT broker_expect_one(count(*)) FROM changed
        """;

    public Task<AmplificationRequest?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync("SELECT version, doc FROM amplification_requests WHERE id = $1", ReadRequest, cancellationToken, Value(id));

    public Task<IReadOnlyList<AmplificationRequest>> ListAsync(string? opd, AmplificationStatus? status, CancellationToken cancellationToken)
    {
        const string Order = " ORDER BY created_at DESC, id";
        return (opd, status) switch
        {
            (null, null) => database.ListAsync("SELECT version, doc FROM amplification_requests" + Order, ReadRequest, cancellationToken),
            ({ } o, null) => database.ListAsync("SELECT version, doc FROM amplification_requests WHERE opd = $1" + Order, ReadRequest, cancellationToken, Value(o)),
            (null, { } s) => database.ListAsync(
                "SELECT version, doc FROM amplification_requests WHERE status = $1" + Order, ReadRequest, cancellationToken, Value(s.ToString())),
            ({ } o, { } s) => database.ListAsync(
                "SELECT version, doc FROM amplification_requests WHERE opd = $1 AND status = $2" + Order, ReadRequest, cancellationToken, Value(o), Value(s.ToString())),
        };
    }

    public Task AddAsync(AmplificationRequest request, CancellationToken cancellationToken) =>
        database.ExecuteAsync(InsertOne, cancellationToken, Row(request));

    /// <summary>The insert of a new request, for a state change's batch.</summary>
    public static NpgsqlBatchCommand Insert(AmplificationRequest request)
    {
        var command = new NpgsqlBatchCommand(InsertOne);
        command.Parameters.AddRange(Row(request));
        return command;
    }

    /// <summary>The compare-and-set of one request: it aborts the change when the stored one is not at <see cref="AmplificationRequest.Version"/>.</summary>
    public static NpgsqlBatchCommand Update(AmplificationRequest request)
    {
        var command = new NpgsqlBatchCommand(UpdateAt);
        command.Parameters.AddRange(Row(request));
        return command;
    }

    private static NpgsqlParameter[] Row(AmplificationRequest request) =>
    [
        Value(request.Id),
        Value(request.Version),
        Value(request.Opd),
        Value(request.Status.ToString()),
        Time(request.CreatedAt),
        Document(request, PgJsonContext.Default.AmplificationRequest),
    ];

    private static AmplificationRequest ReadRequest(NpgsqlDataReader reader)
    {
        var request = Read(reader, 1, PgJsonContext.Default.AmplificationRequest);
        request.Version = reader.GetInt64(0);
        return request;
    }
}
