namespace Broker.Notifications;

/// <summary>Sends a message over one channel; answers with an outcome, never throws for the other side's failures.</summary>
public interface INotificationSender
{
    NotificationChannel Channel { get; }

    Task<SendOutcome> SendAsync(string address, NotificationMessage message, CancellationToken cancellationToken);
}
