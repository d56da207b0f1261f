namespace Broker.Webhooks;

public enum WebhookMessageStatus
{
    /// <summary>Waiting for its first attempt or its next retry (<see cref="WebhookMessage.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>The target answered 2xx.</summary>
    Delivered,

    /// <summary>Retries ran out (<c>Webhooks:RetryFor</c>) or the subscription was disabled or removed; a replay sends it again.</summary>
    Failed,
}
