using Broker.Intake;

namespace Broker.Storage;

public interface IMediaStore
{
    Task AddAsync(MediaRecord media, Stream content, CancellationToken cancellationToken);

    Task<MediaRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Opens the photo's bytes, or null when there is no such photo. The caller disposes the stream.</summary>
    Task<Stream?> OpenReadAsync(string id, CancellationToken cancellationToken);
}
