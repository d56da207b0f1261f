namespace Broker.Notifications;

/// <summary>How a person wants to hear about one kind of event.</summary>
public enum NotificationChannel
{
    None,
    Email,
    Telegram,
}
