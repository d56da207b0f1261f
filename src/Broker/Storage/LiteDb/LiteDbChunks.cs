using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// A file kept as documents of <see cref="ChunkBytes"/> each, every one written in its own turn of the single writer,
/// so that an 8 MB photo never holds the writer every dispatch write waits for (LiteDB's file storage writes a file in
/// one turn). A header, written after the last chunk, is what makes the file exist: a crash before it leaves chunks no
/// one reads, and the same upload again overwrites them.
/// </summary>
internal sealed class LiteDbChunks(BrokerDatabase database, string name)
{
    public const int ChunkBytes = 256 * 1024;

    /// <summary>The collection the photos' chunks are in.</summary>
    public const string Media = "media_chunks";

    private readonly ILiteCollection<BsonDocument> chunks = database.Collection<BsonDocument>(name);

    public async Task WriteAsync(string fileId, Stream content, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkBytes];
        long length = 0;
        var count = 0;
        while (true)
        {
            var read = await content.ReadAtLeastAsync(buffer, ChunkBytes, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
            {
                break;
            }

            var chunk = new BsonDocument { ["_id"] = ChunkId(fileId, count), ["data"] = buffer[..read] };
            await database.WriteAsync(() => chunks.Upsert(chunk));
            length += read;
            count++;
        }

        var header = new BsonDocument { ["_id"] = fileId, ["length"] = length, ["chunks"] = count };
        await database.WriteAsync(() => chunks.Upsert(header));
    }

    /// <summary>The file's bytes as a seekable stream reading a chunk at a time, or null when it was never written whole.</summary>
    public Stream? OpenRead(string fileId) => OpenRead(chunks, fileId);

    /// <inheritdoc cref="OpenRead(string)"/>
    public static Stream? OpenRead(ILiteCollection<BsonDocument> chunks, string fileId) =>
        chunks.FindById(fileId) is { } header && LiteDbCollection<BsonDocument>.Exact(header["_id"], fileId) && header["length"].IsNumber
            ? new ChunkStream(chunks, fileId, header["length"].AsInt64)
            : null;

    /// <summary>The ids of the files written whole (those with a header).</summary>
    public static IEnumerable<string> FileIds(ILiteCollection<BsonDocument> chunks) =>
        chunks.Query().Where("$.length != null").Select("{ _id }").ToEnumerable().Select(d => d["_id"].AsString);

    private static string ChunkId(string fileId, int index) => $"{fileId}/{index:D5}";

    private sealed class ChunkStream(ILiteCollection<BsonDocument> chunks, string fileId, long length) : Stream
    {
        private byte[]? current;
        private int currentIndex = -1;
        private bool disposed;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (Position >= length || buffer.Length == 0)
            {
                return 0;
            }

            var index = (int)(Position / ChunkBytes);
            if (index != currentIndex)
            {
                current = chunks.FindById(ChunkId(fileId, index))?["data"].AsBinary ?? throw new InvalidDataException($"Chunk {index} of {fileId} is missing.");
                currentIndex = index;
            }

            var within = (int)(Position % ChunkBytes);
            var take = Math.Min(buffer.Length, current!.Length - within);
            current.AsSpan(within, take).CopyTo(buffer);
            Position += take;
            return take;
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            disposed = true;
            current = null;
            base.Dispose(disposing);
        }
    }
}
