namespace Broker.Sharing;

public sealed class SharingOptions
{
    public const string Section = "Sharing";

    /// <summary>How long a resolved short link is kept in memory before it is read again (a new permalink, an end of sharing).</summary>
    public TimeSpan LinkCacheTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long this node's list of the items open for sharing (the share lists' source) is kept before it is read again:
    /// another node's opening, closing or retraction shows on this node's share lists within this time (this node's own at once).
    /// </summary>
    public TimeSpan OpenItemsCacheTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The memory the cache of unknown share codes may take, counted as 96 bytes per entry plus two per character of the
    /// code; past it, entries are dropped. Only well-formed codes (10 characters of [0-9A-Za-z]) are ever cached.
    /// </summary>
    public long UnknownCodeCacheBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The most clicks written in one transaction.</summary>
    public int ClickBatchSize { get; set; } = 5000;

    /// <summary>How long the writer lets clicks gather before it writes a batch that is not full (0: at once).</summary>
    public TimeSpan ClickWriteInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Clicks waiting to be written before the redirect waits for room.</summary>
    public int ClickQueueCapacity { get; set; } = 1_000_000;
}
