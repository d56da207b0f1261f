using System.Data;
using Broker.Intake;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// Photos in the database: the description in <c>media</c>, the bytes in <c>media_originals</c> and
/// <c>media_jpeg_renditions</c>. Bytes are streamed both ways (written from the caller's stream, read with sequential
/// access straight off the connection), so a photo is never held in memory by the store. A reader holds a pooled
/// connection until it is disposed.
/// </summary>
internal sealed class PgMediaStore(PgDatabase database) : IMediaStore
{
    public async Task AddAsync(MediaRecord media, Stream content, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await PgMediaDescriptions.AddAsync(connection, transaction, media, cancellationToken);
        await WriteContentAsync(connection, transaction, "media_originals", media.Id, content, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task<MediaRecord?> GetAsync(string id, CancellationToken cancellationToken) => PgMediaDescriptions.GetAsync(database, id, cancellationToken);

    public Task<Stream?> OpenReadAsync(string id, CancellationToken cancellationToken) => OpenContentAsync("media_originals", id, cancellationToken);

    public async Task AddJpegRenditionAsync(string id, Stream content, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await WriteContentAsync(connection, null, "media_jpeg_renditions", id, content, cancellationToken);
    }

    public Task<Stream?> OpenJpegRenditionAsync(string id, CancellationToken cancellationToken) => OpenContentAsync("media_jpeg_renditions", id, cancellationToken);

    /// <summary>
    /// Writes the bytes from <paramref name="content"/> as they are read: Npgsql copies a seekable stream into the
    /// connection's buffer piece by piece. A stream that cannot tell its length goes through a temporary file first.
    /// </summary>
    private static async Task WriteContentAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, string id, Stream content, CancellationToken cancellationToken)
    {
        FileStream? spooled = null;
        try
        {
            if (!content.CanSeek)
            {
                spooled = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                await content.CopyToAsync(spooled, cancellationToken);
                spooled.Position = 0;
            }

            var source = spooled ?? content;
            await using var command = new NpgsqlCommand(
                $"INSERT INTO {table} (id, content) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET content = EXCLUDED.content", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
            command.Parameters.Add(new NpgsqlParameter { Value = source, NpgsqlDbType = NpgsqlDbType.Bytea, Size = checked((int)(source.Length - source.Position)) });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            if (spooled is not null)
            {
                await spooled.DisposeAsync();
            }
        }
    }

    private async Task<Stream?> OpenContentAsync(string table, string id, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        NpgsqlCommand? command = null;
        NpgsqlDataReader? reader = null;
        try
        {
            command = new NpgsqlCommand($"SELECT octet_length(content), content FROM {table} WHERE id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
            reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                var length = reader.GetInt32(0);
                return new PgContentStream(reader.GetStream(1), length, reader, command, connection);
            }
        }
        catch
        {
            await DisposeAsync(reader, command, connection);
            throw;
        }

        await DisposeAsync(reader, command, connection);
        return null;
    }

    private static async Task DisposeAsync(NpgsqlDataReader? reader, NpgsqlCommand? command, NpgsqlConnection connection)
    {
        if (reader is not null)
        {
            await reader.DisposeAsync();
        }

        if (command is not null)
        {
            await command.DisposeAsync();
        }

        await connection.DisposeAsync();
    }
}
