using Broker.Intake;
using Broker.Storage;

namespace Broker.Bench.Rendering;

/// <summary>Photo descriptions in memory; their bytes are never read while rendering.</summary>
internal sealed class MemoryMediaStore(MediaRecord photo) : IMediaStore
{
    public Task AddAsync(MediaRecord media, Stream content, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<MediaRecord?> GetAsync(string id, CancellationToken cancellationToken) => Task.FromResult(id == photo.Id ? photo : null);

    public Task<Stream?> OpenReadAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AddJpegRenditionAsync(string id, Stream content, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Stream?> OpenJpegRenditionAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();
}
