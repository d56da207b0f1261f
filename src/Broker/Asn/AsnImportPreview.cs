namespace Broker.Asn;

/// <summary>
/// A CSV file an editor uploaded to import, kept (compressed) until they confirm it: nothing is written to the directory
/// before that. Confirming claims the preview (compare-and-set on <see cref="ConfirmedAt"/>), then imports, then records
/// <see cref="Imported"/>; a claim left without a count (the broker stopped halfway) may be claimed again after a while.
/// </summary>
public sealed class AsnImportPreview
{
    public required string Id { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The uploaded file, gzip-compressed (a 100,000-row file is about 2 MB so).</summary>
    public required byte[] Csv { get; set; }

    public int Accepted { get; set; }

    public int Refused { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public string? ConfirmedBy { get; set; }

    /// <summary>Rows the confirmed import added; null until it finished.</summary>
    public int? Imported { get; set; }
}
