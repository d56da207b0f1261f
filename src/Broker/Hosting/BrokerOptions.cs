namespace Broker.Hosting;

/// <summary>The broker's own settings (<c>Broker</c> section).</summary>
public sealed class BrokerOptions
{
    public const string Section = "Broker";

    /// <summary>
    /// The public address of this broker, under which photos and share links are served (Instagram fetches photos by
    /// URL). Empty: the first address the broker listens on.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The OPD whose channel accounts are the city's central ones (Diskominfo), for amplification requests.</summary>
    public string CentralOpd { get; set; } = "diskominfo";

    /// <summary>The largest photo upload, in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// The most pixels (width × height) a photo may have, read from its header before anything is decoded. 50 MP takes
    /// a 48 MP phone photo (8064×6048); a PNG that large, decoded for its JPEG rendition, takes about 350 MB meanwhile.
    /// </summary>
    public long MaxUploadPixels { get; set; } = 50_000_000;

    /// <summary>
    /// Photos decoded at the same time (PNGs, for their JPEG rendition); more wait. A decode takes about 7 bytes a pixel
    /// while it runs (measured: sixteen 20000×2000 PNGs at once peaked at 703 MB working set, 5.3 GB without this).
    /// </summary>
    public int MaxConcurrentDecodes { get; set; } = 2;
}
