using System.ComponentModel.DataAnnotations;

namespace Broker.Webhooks;

/// <summary>How webhooks are sent and where they may go (<c>Webhooks</c> section).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The wait before the first retry; doubled after each failure up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after its first attempt a message is still retried; then it is failed (a replay sends it again).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Failed attempts in a row, across messages, after which a subscription is disabled and <c>webhook.disabled</c> raised.</summary>
    [Range(1, 10_000)]
    public int DisableAfterFailures { get; set; } = 20;

    /// <summary>How long one attempt may take, connection and answer together.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many requests to one subscription's endpoint may be in flight at once. Messages of one object (an item, a
    /// delivery) still go one after another, in the order they were made; 1 sends every message in order.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentPerEndpoint { get; set; } = 8;

    /// <summary>How much of an answer's body is read (for the attempt log); the rest is dropped unread.</summary>
    [Range(0, 65_536)]
    public int MaxResponseBytes { get; set; } = 1024;

    /// <summary>How often the sender looks for due messages when nothing woke it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Host names (exact, case-blind) to which plain <c>http:</c> is allowed; everywhere else only <c>https:</c>.</summary>
    public List<string> HttpAllowedHosts { get; set; } = [];

    /// <summary>
    /// Addresses or CIDR ranges (<c>10.1.2.0/24</c>, <c>127.0.0.1</c>) a target may resolve to although they are loopback,
    /// private, link-local or otherwise special; every other such address is refused.
    /// </summary>
    public List<string> AllowedAddresses { get; set; } = [];
}
