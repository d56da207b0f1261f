namespace Broker.Webhooks;

/// <summary>A message in a subscription's attempt log.</summary>
public sealed record WebhookMessageView(
    string Id, string EventId, string EventType, WebhookMessageStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, IReadOnlyList<WebhookAttempt> Attempts)
{
    public static WebhookMessageView Of(WebhookMessage m) =>
        new(m.Id, m.EventId, m.EventType, m.Status, m.CreatedAt, m.Status == WebhookMessageStatus.Pending ? m.NextAttemptAt : null, m.Attempts);
}
