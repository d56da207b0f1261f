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

    /// <summary>The most pixels (width × height) a photo may have.</summary>
    public long MaxUploadPixels { get; set; } = 40_000_000;
}
