using Broker.Intake;

namespace Broker.Storage;

public interface IMediaStore
{
    Task AddAsync(MediaRecord media, Stream content, CancellationToken cancellationToken);

    Task<MediaRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Opens the photo's bytes, or null when there is no such photo. The caller disposes the stream.</summary>
    Task<Stream?> OpenReadAsync(string id, CancellationToken cancellationToken);

    /// <summary>Stores the JPEG rendition of photo <paramref name="id"/>; call it before <see cref="AddAsync"/> records the photo.</summary>
    Task AddJpegRenditionAsync(string id, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens the JPEG rendition of photo <paramref name="id"/>, or null when it has none.</summary>
    Task<Stream?> OpenJpegRenditionAsync(string id, CancellationToken cancellationToken);
}
