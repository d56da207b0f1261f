using Broker.Audit;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Intake;

/// <summary>Checks an uploaded photo from its bytes (JPEG or PNG, size and pixel limits) and stores it (API and pages share this).</summary>
public sealed class PhotoIntake(IMediaStore store, IOptions<BrokerOptions> options, PhotoDecoding decoding, Auditor audit, TimeProvider time)
{
    /// <summary>The stored photo, or why it was refused (worded for the person who chose the file).</summary>
    public sealed record Outcome(MediaRecord? Photo, string? Problem);

    public async Task<Outcome> StoreAsync(IFormFile upload, string actor, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (upload.Length == 0 || upload.Length > limits.MaxUploadBytes)
        {
            return new Outcome(null, $"The photo is {upload.Length} bytes; it must be between 1 and {limits.MaxUploadBytes} bytes.");
        }

        var bytes = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        return await StoreAsync(bytes, upload.FileName, actor, cancellationToken);
    }

    /// <summary>Checks and stores a photo already read (a feed entry's), under the same rules as an upload.</summary>
    public async Task<Outcome> StoreAsync(byte[] bytes, string fileName, string actor, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (bytes.Length == 0 || bytes.Length > limits.MaxUploadBytes)
        {
            return new Outcome(null, $"The photo is {bytes.Length} bytes; it must be between 1 and {limits.MaxUploadBytes} bytes.");
        }

        var info = ImageInfo.Read(bytes);
        if (info is null)
        {
            return new Outcome(null, $"'{fileName}' is not a JPEG or PNG photo (checked from its bytes, not its name).");
        }

        // Checked from the header, before anything is decoded: a few hundred kilobytes of PNG can stand for gigabytes.
        if ((long)info.Width * info.Height > limits.MaxUploadPixels)
        {
            return new Outcome(null, $"The photo is {info.Width}×{info.Height} pixels; at most {limits.MaxUploadPixels} pixels are allowed.");
        }

        // Measured as it is shown: a phone's portrait photo is often stored landscape with an EXIF orientation.
        var (width, height) = PhotoOrientation.SwapsSides(PhotoOrientation.Of(bytes)) ? (info.Height, info.Width) : (info.Width, info.Height);

        var rendition = info.ContentType == "image/png" ? await decoding.RunAsync(() => JpegRenditions.FromPng(bytes), cancellationToken) : null;
        if (info.ContentType == "image/png" && rendition is null)
        {
            return new Outcome(null, $"'{fileName}' looks like a PNG but cannot be decoded; save it again or upload a JPEG.");
        }

        var record = new MediaRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            ContentType = info.ContentType,
            Bytes = bytes.Length,
            Width = width,
            Height = height,
            FileName = Path.GetFileName(fileName),
            CreatedAt = time.GetUtcNow(),
            JpegRenditionBytes = rendition?.Length ?? 0,
        };
        if (rendition is not null)
        {
            await store.AddJpegRenditionAsync(record.Id, new MemoryStream(rendition), cancellationToken);
        }

        await store.AddAsync(record, new MemoryStream(bytes), cancellationToken);
        await audit.RecordAsync(actor, "media.uploaded", "media", record.Id, record.FileName, cancellationToken);
        return new Outcome(record, null);
    }
}
