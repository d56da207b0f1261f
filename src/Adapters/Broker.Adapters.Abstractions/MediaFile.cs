namespace Broker.Adapters;

/// <summary>A photo the broker stores and serves publicly.</summary>
public sealed record MediaFile
{
    /// <summary>The broker's id of the photo.</summary>
    public required string Id { get; init; }

    /// <summary><c>image/jpeg</c> or <c>image/png</c>.</summary>
    public required string ContentType { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Length { get; init; }

    /// <summary>Width in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>The public URL the platform can fetch the photo from (Instagram and Facebook fetch by URL).</summary>
    public required Uri PublicUrl { get; init; }

    /// <summary>Opens the photo's bytes, for platforms that take uploads (X). The caller disposes the stream.</summary>
    public required Func<CancellationToken, Task<Stream>> OpenReadAsync { get; init; }

    /// <summary>
    /// The same photo as a JPEG the broker made from it, served at its own public URL, for platforms that take only
    /// JPEG (Instagram); <c>null</c> when the photo is a JPEG already.
    /// </summary>
    public MediaFile? JpegRendition { get; init; }
}
