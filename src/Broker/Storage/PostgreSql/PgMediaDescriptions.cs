using Broker.Intake;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Storage.PostgreSql;

/// <summary>Photo descriptions in <c>media</c>, wherever their bytes are kept (in the database or a shared folder).</summary>
internal static class PgMediaDescriptions
{
    private const string Columns = "id, content_type, bytes, width, height, file_name, jpeg_rendition_bytes, created_at";

    public static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, MediaRecord media, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"INSERT INTO media ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = media.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = media.ContentType });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = media.Bytes });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = media.Width });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = media.Height });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = media.FileName, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = media.JpegRenditionBytes });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = media.CreatedAt.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<MediaRecord?> GetAsync(PgDatabase database, string id, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM media WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new MediaRecord
            {
                Id = reader.GetString(0),
                ContentType = reader.GetString(1),
                Bytes = reader.GetInt64(2),
                Width = reader.GetInt32(3),
                Height = reader.GetInt32(4),
                FileName = reader.IsDBNull(5) ? null : reader.GetString(5),
                JpegRenditionBytes = reader.GetInt64(6),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
            }
            : null;
    }
}
