using System.ComponentModel.DataAnnotations;

namespace Broker.Sharing;

public sealed class SharingOptions
{
    public const string Section = "Sharing";

    /// <summary>How long a resolved short link is kept in memory before it is read again (a new permalink, an end of sharing).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LinkCacheTime { get; set; } = TimeSpan.FromSeconds(30);

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
