using Broker.Adapters;
using Broker.Hosting;
using Broker.Storage;

namespace Broker.Intake;

/// <summary>Turns stored photos into the <see cref="MediaFile"/>s adapters publish.</summary>
public sealed class MediaFiles(IMediaStore store, PublicUrls urls)
{
    public async Task<IReadOnlyList<MediaFile>> ResolveAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var files = new List<MediaFile>();
        foreach (var id in ids)
        {
            var record = await store.GetAsync(id, cancellationToken)
                ?? throw new InvalidOperationException($"Photo '{id}' is referenced but not stored.");
            files.Add(ToFile(record));
        }

        return files;
    }

    public MediaFile ToFile(MediaRecord record) => new()
    {
        Id = record.Id,
        ContentType = record.ContentType,
        Length = record.Bytes,
        Width = record.Width,
        Height = record.Height,
        PublicUrl = urls.Media(record.Id),
        OpenReadAsync = async ct => await store.OpenReadAsync(record.Id, ct)
            ?? throw new InvalidOperationException($"Photo '{record.Id}' has no stored bytes."),
        JpegRendition = record.JpegRenditionBytes > 0 ? JpegRendition(record) : null,
    };

    private MediaFile JpegRendition(MediaRecord record) => new()
    {
        Id = record.Id,
        ContentType = "image/jpeg",
        Length = record.JpegRenditionBytes,
        Width = record.Width,
        Height = record.Height,
        PublicUrl = urls.For($"media/{Uri.EscapeDataString(record.Id)}.jpg"),
        OpenReadAsync = async ct => await store.OpenJpegRenditionAsync(record.Id, ct)
            ?? throw new InvalidOperationException($"Photo '{record.Id}' has no stored JPEG rendition."),
    };
}
