namespace Broker.Notifications;

/// <summary>The kinds of event a person chooses a channel for (<see cref="NotificationKinds"/> maps event types to them).</summary>
public enum NotificationKind
{
    /// <summary>An item or an amplification request waits for the person's review.</summary>
    Review,

    /// <summary>A decision on something the person submitted.</summary>
    Decision,

    /// <summary>A delivery failed or is held, an account needs re-authorisation or its circuit opened.</summary>
    Problem,

    /// <summary>An event's two-hour deadline is near and its item is not out.</summary>
    Deadline,

    /// <summary>New items the person (an ASN) may share.</summary>
    Sharing,

    /// <summary>A webhook subscription was disabled after repeated failures.</summary>
    Webhook,
}
