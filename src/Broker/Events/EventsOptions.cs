namespace Broker.Events;

/// <summary>How the outbox is dispatched, and when the two-hour warning fires (<c>Events</c> section).</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>The safety net: how often each consumer looks for events when no commit woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many events a consumer is handed before its cursor is saved: at most this many are replayed after a crash.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>The first wait after a consumer failed; doubled on each failure in a row, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an event stays in the outbox once every consumer has passed it; then a sweep deletes it. A replay of an
    /// event (a webhook's) is made from its stored message, not from the outbox.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long before an item's deadline (its event's end plus two hours) <c>item.deadline_approaching</c> is raised.</summary>
    public TimeSpan DeadlineWarningBefore { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the deadline check looks for items to warn about.</summary>
    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
