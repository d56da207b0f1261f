using Broker.Asn;
using Npgsql;
using NpgsqlTypes;
using static Broker.Storage.PostgreSql.PgCommands;

namespace Broker.Storage.PostgreSql;

/// <summary>Import previews in <c>asn_imports</c>; a claim is one conditional update.</summary>
internal sealed class PgAsnImportStore(PgDatabase database) : IAsnImportStore
{
    private const string Columns = "id, created_by, created_at, csv, accepted, refused, confirmed_at, confirmed_by, imported";

    public Task AddAsync(AsnImportPreview preview, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            $"INSERT INTO asn_imports ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, NULL)",
            cancellationToken,
            Value(preview.Id),
            Value(preview.CreatedBy),
            Time(preview.CreatedAt),
            new NpgsqlParameter<byte[]> { TypedValue = preview.Csv, NpgsqlDbType = NpgsqlDbType.Bytea },
            Value(preview.Accepted),
            Value(preview.Refused));

    public Task<AsnImportPreview?> GetAsync(string id, CancellationToken cancellationToken) =>
        database.FirstAsync($"SELECT {Columns} FROM asn_imports WHERE id = $1", ReadPreview, cancellationToken, Value(id));

    public async Task<bool> TryClaimAsync(string id, string by, DateTimeOffset now, DateTimeOffset staleBefore, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "UPDATE asn_imports SET confirmed_at = $2, confirmed_by = $3 WHERE id = $1 AND (confirmed_at IS NULL OR (imported IS NULL AND confirmed_at < $4))",
            cancellationToken,
            Value(id),
            Time(now),
            Value(by),
            Time(staleBefore)) == 1;

    public Task FinishAsync(string id, int? imported, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            imported is null
                ? "UPDATE asn_imports SET confirmed_at = NULL, confirmed_by = NULL, imported = NULL WHERE id = $1"
                : "UPDATE asn_imports SET imported = $2 WHERE id = $1",
            cancellationToken,
            imported is null ? new NpgsqlParameter[] { Value(id) } : new NpgsqlParameter[] { Value(id), Value(imported.Value) });

    public Task<int> DeleteOlderAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM asn_imports WHERE created_at < $1", cancellationToken, Time(before));

    private static AsnImportPreview ReadPreview(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        CreatedBy = reader.GetString(1),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(2),
        Csv = reader.GetFieldValue<byte[]>(3),
        Accepted = reader.GetInt32(4),
        Refused = reader.GetInt32(5),
        ConfirmedAt = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        ConfirmedBy = reader.IsDBNull(7) ? null : reader.GetString(7),
        Imported = reader.IsDBNull(8) ? null : reader.GetInt32(8),
    };
}
