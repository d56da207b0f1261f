using System.Security.Cryptography;
using Broker.Intake;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class MediaStoreContract : StoreContract
{
    private static readonly DateTimeOffset Uploaded = new(2026, 2, 1, 10, 0, 0, 500, TimeSpan.Zero);

    [Fact]
    public async Task A_photo_is_described_with_every_property_and_its_bytes_read_back_by_its_exact_id()
    {
        var media = Get<IMediaStore>();
        byte[] bytes = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9];

        await media.AddAsync(Photo("a1b2c3", bytes.Length), new MemoryStream(bytes), CancellationToken.None);

        var stored = await media.GetAsync("a1b2c3", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(("a1b2c3", "image/jpeg", 9L, 1080, 1350, "poster.jpg", 0L, Uploaded), (stored.Id, stored.ContentType, stored.Bytes, stored.Width, stored.Height, stored.FileName, stored.JpegRenditionBytes, stored.CreatedAt));
        Assert.Equal(bytes, await ReadAllAsync(await media.OpenReadAsync("a1b2c3", CancellationToken.None)));
        Assert.Null(await media.GetAsync("A1B2C3", CancellationToken.None));
        Assert.Null(await media.OpenReadAsync("A1B2C3", CancellationToken.None));
    }

    [Fact]
    public async Task A_large_photo_and_its_rendition_are_streamed_in_and_out_byte_for_byte()
    {
        var media = Get<IMediaStore>();
        var original = RandomNumberGenerator.GetBytes(20 * 1024 * 1024);
        var rendition = RandomNumberGenerator.GetBytes(3 * 1024 * 1024);

        await media.AddJpegRenditionAsync("big", new ForwardOnlyStream(rendition), CancellationToken.None);
        await media.AddAsync(Photo("big", original.Length, "image/png", rendition.Length), new MemoryStream(original), CancellationToken.None);

        Assert.Equal(SHA256.HashData(original), SHA256.HashData(await ReadAllAsync(await media.OpenReadAsync("big", CancellationToken.None))));
        Assert.Equal(SHA256.HashData(rendition), SHA256.HashData(await ReadAllAsync(await media.OpenJpegRenditionAsync("big", CancellationToken.None))));
        Assert.Equal(rendition.Length, (await media.GetAsync("big", CancellationToken.None))?.JpegRenditionBytes);
    }

    [Fact]
    public async Task A_photo_without_a_rendition_and_a_photo_never_stored_open_as_nothing()
    {
        var media = Get<IMediaStore>();
        await media.AddAsync(Photo("plain", 3), new MemoryStream([1, 2, 3]), CancellationToken.None);

        Assert.Null(await media.OpenJpegRenditionAsync("plain", CancellationToken.None));
        Assert.Null(await media.GetAsync("missing", CancellationToken.None));
        Assert.Null(await media.OpenReadAsync("missing", CancellationToken.None));
        Assert.Null(await media.OpenJpegRenditionAsync("missing", CancellationToken.None));
    }

    [Fact]
    public async Task Many_photos_can_be_open_and_read_at_once()
    {
        var media = Get<IMediaStore>();
        for (var i = 0; i < 5; i++)
        {
            await media.AddAsync(Photo($"p{i}", 4), new MemoryStream([(byte)i, 1, 2, 3]), CancellationToken.None);
        }

        var reads = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(async () => await ReadAllAsync(await media.OpenReadAsync($"p{i % 5}", CancellationToken.None)))));

        Assert.All(reads.Select((bytes, i) => (bytes, i)), read => Assert.Equal([(byte)(read.i % 5), 1, 2, 3], read.bytes));
    }

    [Fact]
    public async Task A_photo_stream_disposed_a_second_time_leaves_the_photos_opened_after_it_alone()
    {
        // PostgreSQL hands a connection's reader to whoever opens the next photo on it; eight later photos cover every
        // connection the pool may have idle, so one of them is read through the first photo's old connection.
        var media = Get<IMediaStore>();
        for (var i = 0; i < 9; i++)
        {
            await media.AddAsync(Photo($"p{i}", 4), new MemoryStream([(byte)i, 1, 2, 3]), CancellationToken.None);
        }

        var first = await media.OpenReadAsync("p0", CancellationToken.None);
        Assert.Equal([0, 1, 2, 3], await ReadAllAsync(first));
        var later = new List<Stream?>();
        for (var i = 1; i < 9; i++)
        {
            later.Add(await media.OpenReadAsync($"p{i}", CancellationToken.None));
        }

        first!.Dispose();
        await first.DisposeAsync();

        for (var i = 1; i < 9; i++)
        {
            Assert.Equal([(byte)i, 1, 2, 3], await ReadAllAsync(later[i - 1]));
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await first.ReadExactlyAsync(new byte[4]));
    }

    private static MediaRecord Photo(string id, long bytes, string contentType = "image/jpeg", long rendition = 0) => new()
    {
        Id = id,
        ContentType = contentType,
        Bytes = bytes,
        Width = 1080,
        Height = 1350,
        FileName = "poster.jpg",
        JpegRenditionBytes = rendition,
        CreatedAt = Uploaded,
    };

    private static async Task<byte[]> ReadAllAsync(Stream? content)
    {
        Assert.NotNull(content);
        await using (content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    /// <summary>An upload as it comes off the network: read once, length unknown.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

public sealed class MediaStoreOnLiteDb : MediaStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class MediaStoreOnPostgreSql : MediaStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}

public sealed class MediaStoreOnPostgreSqlWithSharedFolder : MediaStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;

    protected override void Configure(Dictionary<string, string?> settings) =>
        settings["Storage:MediaPath"] = Path.Combine(Path.GetDirectoryName(settings["Storage:DatabasePath"])!, "media");
}
