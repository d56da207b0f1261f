using Broker.Intake;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Photos and their JPEG renditions, stored in chunks (<see cref="LiteDbChunks"/>) outside the writer's long turns.
/// Photos stored before were kept in LiteDB's file storage; they are still read from there.
/// </summary>
internal sealed class LiteDbMediaStore(BrokerDatabase database) : LiteDbCollection<MediaRecord>(database, "media"), IMediaStore
{
    private readonly LiteDbChunks chunks = new(database, LiteDbChunks.Media);

    public async Task AddAsync(MediaRecord media, Stream content, CancellationToken cancellationToken)
    {
        await chunks.WriteAsync(FileId(media.Id), content, cancellationToken);
        await Database.WriteAsync(() => Collection.Insert(media));
    }

    public Task<Stream?> OpenReadAsync(string id, CancellationToken cancellationToken) => Task.FromResult(Open(FileId(id)));

    public Task AddJpegRenditionAsync(string id, Stream content, CancellationToken cancellationToken) =>
        chunks.WriteAsync(FileId(id) + ".jpg", content, cancellationToken);

    public Task<Stream?> OpenJpegRenditionAsync(string id, CancellationToken cancellationToken) => Task.FromResult(Open(FileId(id) + ".jpg"));

    private Stream? Open(string fileId) =>
        chunks.OpenRead(fileId)
        ?? (Database.Database.FileStorage.FindById(fileId) is { } found && Exact(found.Id, fileId) ? found.OpenRead() : null);

    private static string FileId(string id) => "$/media/" + id;
}
