namespace Broker.Webhooks;

/// <summary>A subscription as an editor gives it. <see cref="Secret"/> is only read when creating; left out, one is made.</summary>
public sealed record WebhookRequest(string? Url, List<string>? EventTypes, string? Description, bool? Enabled = null, string? Secret = null);
