namespace Broker.Webhooks;

/// <summary>
/// One event for one subscription: the exact body that is signed and sent (the same on every retry and replay, so the
/// receiver sees one <c>webhook-id</c> per event), where it stands, and its attempts, newest last.
/// </summary>
public sealed class WebhookMessage
{
    /// <summary><c>{subscription id}:{event id}</c>: an event handed to the webhooks twice makes one message.</summary>
    public required string Id { get; set; }

    public long Version { get; set; }

    public required string SubscriptionId { get; set; }

    /// <summary>The event's id: the <c>webhook-id</c> header.</summary>
    public required string EventId { get; set; }

    public required string EventType { get; set; }

    /// <summary>The event's object (<c>item:{id}</c>): a subscription's messages of one object are sent one after another, in order.</summary>
    public string? ObjectKey { get; set; }

    public required string Body { get; set; }

    /// <summary>The order messages were made in (the outbox's order): among messages due at once, the earlier goes first.</summary>
    public long Sequence { get; set; }

    public WebhookMessageStatus Status { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the current run of retries began (the first attempt, or the last replay): retries stop <c>Webhooks:RetryFor</c> after it.</summary>
    public DateTimeOffset? RetryingSince { get; set; }

    public List<WebhookAttempt> Attempts { get; set; } = [];

    public static string IdOf(string subscriptionId, string eventId) => subscriptionId + ":" + eventId;
}
