namespace Broker.Intake;

/// <summary>A stored photo's description; its bytes live in LiteDB file storage under the same id.</summary>
public sealed class MediaRecord
{
    public required string Id { get; set; }

    public required string ContentType { get; set; }

    public long Bytes { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public string? FileName { get; set; }

    /// <summary>The size of the JPEG rendition stored beside a PNG (for platforms that take only JPEG); 0 when there is none.</summary>
    public long JpegRenditionBytes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
