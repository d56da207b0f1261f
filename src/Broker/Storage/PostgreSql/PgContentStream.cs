using Npgsql;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// A <c>bytea</c> column read as it arrives, with the reader, command and connection it comes from: disposing the
/// stream returns the connection to the pool. Forward only; its length is known from the start.
/// </summary>
/// <remarks>
/// Disposing happens once, however often it is asked for. Npgsql keeps one data reader and one column stream per
/// connection and hands them to whoever takes the connection from the pool next, so a second dispose after the
/// connection went back would close another caller's reader and skip bytes under its column stream (its reads then
/// fail with <see cref="ArgumentOutOfRangeException"/> or stall). <see cref="Stream.DisposeAsync"/> itself calls
/// <see cref="Stream.Dispose()"/>, which is why <see cref="DisposeAsync"/> does not call it.
/// </remarks>
internal sealed class PgContentStream(Stream column, long length, NpgsqlDataReader reader, NpgsqlCommand command, NpgsqlConnection connection) : Stream
{
    private long position;
    private int disposed;

    /// <summary>The column, while this stream is open: once disposed, the connection's column may be someone else's.</summary>
    private Stream Column
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);
            return column;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Advance(Column.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Advance(Column.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Advance(await Column.ReadAsync(buffer, cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        GC.SuppressFinalize(this);
        await column.DisposeAsync();
        await reader.DisposeAsync();
        await command.DisposeAsync();
        await connection.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref disposed, 1) == 0)
        {
            column.Dispose();
            reader.Dispose();
            command.Dispose();
            connection.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Advance(int read)
    {
        position += read;
        return read;
    }
}
