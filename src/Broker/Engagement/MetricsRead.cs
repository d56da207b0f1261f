namespace Broker.Engagement;

/// <summary>
/// One reading of one published post's metrics at one age (1 h, 24 h, 7 d): made when the delivery is published, done
/// once. Its id is the delivery's id and the age, so planning it twice stores it once; a node claims it by compare-and-set
/// on <see cref="Version"/> before it calls the platform, so two nodes never both read it.
/// </summary>
public sealed class MetricsRead
{
    public required string Id { get; set; }

    public long Version { get; set; }

    public required string DeliveryId { get; set; }

    public required string ItemId { get; set; }

    public required string AccountId { get; set; }

    public required string Platform { get; set; }

    public required string RemotePostId { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>The post's age at this reading, in minutes.</summary>
    public int AgeMinutes { get; set; }

    /// <summary>The due time of a finished reading: out of the range every look for due readings scans.</summary>
    public static readonly DateTimeOffset Never = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>When the reading is next due (its time, a retry's, or the end of a node's claim); <see cref="Never"/> once finished.</summary>
    public DateTimeOffset DueAt { get; set; }

    public MetricsReadStatus Status { get; set; }

    public int Attempts { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>The platform's metric names with their values.</summary>
    public Dictionary<string, long> Values { get; set; } = [];

    /// <summary>Metric names the platform no longer knows, skipped at this reading.</summary>
    public List<string> Skipped { get; set; } = [];

    public EngagementTotals Totals { get; set; } = new();

    public string? Error { get; set; }

    /// <summary>The id of the reading of <paramref name="deliveryId"/> at <paramref name="age"/>.</summary>
    public static string IdOf(string deliveryId, TimeSpan age) => $"{deliveryId}@{(int)age.TotalMinutes}m";
}
