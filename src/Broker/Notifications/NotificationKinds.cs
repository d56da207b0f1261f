using Broker.Events;

namespace Broker.Notifications;

/// <summary>Which kind of notification each event type is, for the event types people are told about.</summary>
public static class NotificationKinds
{
    private static readonly Dictionary<string, NotificationKind> ByEvent = new(StringComparer.Ordinal)
    {
        [EventTypes.ItemSubmitted] = NotificationKind.Review,
        [EventTypes.AmplificationRequested] = NotificationKind.Review,
        [EventTypes.ItemSentBack] = NotificationKind.Decision,
        [EventTypes.ItemApproved] = NotificationKind.Decision,
        [EventTypes.ItemRejected] = NotificationKind.Decision,
        [EventTypes.AmplificationDecided] = NotificationKind.Decision,
        [EventTypes.DeliveryFailed] = NotificationKind.Problem,
        [EventTypes.DeliveryHeld] = NotificationKind.Problem,
        [EventTypes.AccountNeedsReauthorization] = NotificationKind.Problem,
        [EventTypes.AccountCircuitOpened] = NotificationKind.Problem,
        [EventTypes.ItemDeadlineApproaching] = NotificationKind.Deadline,
        [EventTypes.ItemOpenedForSharing] = NotificationKind.Sharing,
        [EventTypes.WebhookDisabled] = NotificationKind.Webhook,
    };

    /// <summary>The event types people are notified of; each has a template <c>notifications/{type}.sbn</c>.</summary>
    public static IReadOnlyCollection<string> Notified => ByEvent.Keys;

    public static NotificationKind? Of(string eventType) => ByEvent.TryGetValue(eventType, out var kind) ? kind : null;
}
