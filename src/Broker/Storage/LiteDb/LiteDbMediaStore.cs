using Broker.Intake;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbMediaStore(BrokerDatabase database) : LiteDbCollection<MediaRecord>(database, "media"), IMediaStore
{
    public Task AddAsync(MediaRecord media, Stream content, CancellationToken cancellationToken)
    {
        Database.Write(() => Database.Database.FileStorage.Upload(FileId(media.Id), media.FileName ?? media.Id, content));
        Database.Write(() => Collection.Insert(media));
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenReadAsync(string id, CancellationToken cancellationToken)
    {
        var file = Database.Database.FileStorage.FindById(FileId(id)) is { } found && Exact(found.Id, FileId(id)) ? found : null;
        return Task.FromResult<Stream?>(file?.OpenRead());
    }

    public Task AddJpegRenditionAsync(string id, Stream content, CancellationToken cancellationToken)
    {
        Database.Write(() => Database.Database.FileStorage.Upload(FileId(id) + ".jpg", id + ".jpg", content));
        return Task.CompletedTask;
    }

    public Task<Stream?> OpenJpegRenditionAsync(string id, CancellationToken cancellationToken)
    {
        var file = Database.Database.FileStorage.FindById(FileId(id) + ".jpg") is { } found && Exact(found.Id, FileId(id) + ".jpg") ? found : null;
        return Task.FromResult<Stream?>(file?.OpenRead());
    }

    private static string FileId(string id) => "$/media/" + id;
}
