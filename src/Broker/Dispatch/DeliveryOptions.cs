namespace Broker.Dispatch;

/// <summary>How deliveries are attempted, retried and given up on (<c>Delivery</c> section).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Transient failures allowed before a delivery fails for good (rate-limit waits do not count).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first transient failure; each later one doubles, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long after its scheduled time a delivery may still be retried.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How far in the past a time a person gives (publishAt, wishedAt) may be and still be taken as "now": a form filled
    /// in a few minutes ago passes, a year typo is refused. An event's end may be this far in the future.
    /// </summary>
    public TimeSpan PastTimeGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A delivery that came due while the broker was down and is older than this on return is held for an editor
    /// instead of being published late.
    /// </summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// A delivery publishing for longer than this, and not in flight in this process, is taken to be stuck: the sweep
    /// makes it retry with reconciliation (the adapter looks for the post before publishing again), and /health reports
    /// it as degraded meanwhile.
    /// </summary>
    public TimeSpan PublishingTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many deliveries are published at the same time.</summary>
    public int MaxConcurrency { get; set; } = 64;
}
