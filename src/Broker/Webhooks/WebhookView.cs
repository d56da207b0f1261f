namespace Broker.Webhooks;

/// <summary>A subscription as the API shows it: never its secret, except <see cref="Secret"/> in the answer that made it.</summary>
public sealed record WebhookView(
    string Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    bool Enabled,
    int ConsecutiveFailures,
    string? DisabledReason,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Secret = null,
    IReadOnlyList<WebhookMessageView>? Messages = null)
{
    public static WebhookView Of(WebhookSubscription s, string? secret = null, IEnumerable<WebhookMessage>? messages = null) => new(
        s.Id, s.Url, s.EventTypes, s.Description, s.Enabled, s.ConsecutiveFailures, s.DisabledReason, s.CreatedBy, s.CreatedAt, s.UpdatedAt, secret,
        messages?.Select(WebhookMessageView.Of).ToList());
}
