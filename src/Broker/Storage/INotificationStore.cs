using Broker.Notifications;

namespace Broker.Storage;

/// <summary>The notification outbox: one row per person and event (or digest), sent by the notification worker.</summary>
public interface INotificationStore
{
    /// <summary>Stores a new notification; false when one with its id is stored already (an event handed over twice).</summary>
    Task<bool> TryAddAsync(Notification notification, CancellationToken cancellationToken);

    Task<Notification?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Notifications in <paramref name="status"/> due at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<Notification>> DueAsync(NotificationStatus status, DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>One person's waiting notifications (the next digest's content), oldest first.</summary>
    Task<IReadOnlyList<Notification>> WaitingAsync(string userId, CancellationToken cancellationToken);

    /// <summary>One person's notifications, newest first.</summary>
    Task<IReadOnlyList<Notification>> ForUserAsync(string userId, int limit, CancellationToken cancellationToken);

    /// <summary>Failed notifications of everyone, newest first (for the editors).</summary>
    Task<IReadOnlyList<Notification>> FailedAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="notification"/> if the stored one still has its <see cref="Notification.Version"/>; then the
    /// version is one more and the answer true. Otherwise nothing is written and the answer is false.
    /// </summary>
    Task<bool> TryUpdateAsync(Notification notification, CancellationToken cancellationToken);
}
