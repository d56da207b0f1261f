namespace Broker.Webhooks;

/// <summary>How webhooks are sent and where they may go (<c>Webhooks</c> section).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The wait before the first retry; doubled after each failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after its first attempt a message is still retried; then it is failed (a replay sends it again).</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Failed attempts in a row, across messages, after which a subscription is disabled and <c>webhook.disabled</c> raised.</summary>
    public int DisableAfterFailures { get; set; } = 20;

    /// <summary>How long one attempt may take, connection and answer together.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many requests to one subscription's endpoint may be in flight at once. Messages of one object (an item, a
    /// delivery) still go one after another, in the order they were made; 1 sends every message in order.
    /// </summary>
    public int MaxConcurrentPerEndpoint { get; set; } = 8;

    /// <summary>How much of an answer's body is read (for the attempt log); the rest is dropped unread.</summary>
    public int MaxResponseBytes { get; set; } = 1024;

    /// <summary>How often the sender looks for due messages when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Host names (exact, case-blind) to which plain <c>http:</c> is allowed; everywhere else only <c>https:</c>.</summary>
    public List<string> HttpAllowedHosts { get; set; } = [];

    /// <summary>
    /// Addresses or CIDR ranges (<c>10.1.2.0/24</c>, <c>127.0.0.1</c>) a target may resolve to although they are loopback,
    /// private, link-local or otherwise special; every other such address is refused.
    /// </summary>
    public List<string> AllowedAddresses { get; set; } = [];
}
