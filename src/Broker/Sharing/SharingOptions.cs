using System.ComponentModel.DataAnnotations;

namespace Broker.Sharing;

public sealed class SharingOptions
{
    public const string Section = "Sharing";

    /// <summary>How long a resolved short link is kept in memory before it is read again (a new permalink, an end of sharing).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LinkCacheTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The memory the cache of unknown share codes may take, counted as 96 bytes per entry plus two per character of the
    /// code; past it, entries are dropped. Only well-formed codes (10 characters of [0-9A-Za-z]) are ever cached.
    /// </summary>
    [Range(typeof(long), "4096", "1073741824")]
    public long UnknownCodeCacheBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The most clicks written in one transaction.</summary>
    [Range(1, 100_000)]
    public int ClickBatchSize { get; set; } = 5000;

    /// <summary>How long the writer lets clicks gather before it writes a batch that is not full (0: at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan ClickWriteInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Clicks waiting to be written before the redirect waits for room.</summary>
    [Range(1000, 10_000_000)]
    public int ClickQueueCapacity { get; set; } = 1_000_000;
}
