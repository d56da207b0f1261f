using Broker.Notifications;

namespace Broker.Storage;

/// <summary>Each person's notification preferences, by user id.</summary>
public interface INotificationPreferenceStore
{
    Task<NotificationPreferences?> GetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Stores the preferences, replacing the person's earlier ones.</summary>
    Task SaveAsync(NotificationPreferences preferences, CancellationToken cancellationToken);
}
