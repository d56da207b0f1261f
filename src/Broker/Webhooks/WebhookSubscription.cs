namespace Broker.Webhooks;

/// <summary>Another system that wants the broker's events: where to send them, which ones, and the key that signs them.</summary>
public sealed class WebhookSubscription
{
    public required string Id { get; set; }

    /// <summary>Changed only over the version it was read at (<see cref="Storage.IWebhookStore.UpdateAsync"/>).</summary>
    public long Version { get; set; }

    /// <summary>The target, checked by <see cref="WebhookTargets"/> when saved and again, resolved, at each send.</summary>
    public required string Url { get; set; }

    /// <summary>The <c>whsec_</c> signing secret, encrypted with the credential protector; shown in clear only when made.</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>The event types sent (<see cref="Events.EventTypes"/>); empty: every event.</summary>
    public List<string> EventTypes { get; set; } = [];

    public string? Description { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Failures in a row, across messages; reset by a success. At <c>Webhooks:DisableAfterFailures</c> the subscription is disabled.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>Why it was disabled automatically, shown on the page; null when enabled or disabled by hand.</summary>
    public string? DisabledReason { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool Wants(string eventType) => Enabled && (EventTypes.Count == 0 || EventTypes.Contains(eventType));
}
