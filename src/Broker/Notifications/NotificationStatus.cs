namespace Broker.Notifications;

public enum NotificationStatus
{
    /// <summary>Waits for the daily digest it will be part of.</summary>
    Waiting,

    /// <summary>To be sent at <see cref="Notification.NextAttemptAt"/> (later while the person's quiet hours last, or after a failed try).</summary>
    Pending,

    Sent,

    /// <summary>Every attempt failed; shown on the person's page and to the editors.</summary>
    Failed,

    /// <summary>Sent as part of a digest (<see cref="Notification.DigestId"/>).</summary>
    Digested,
}
