namespace Broker.Notifications;

/// <summary>
/// One message to one person about one event (or one daily digest): the notification outbox. Its id is made of the event
/// and the person, so an event handed over twice is stored once and sent once.
/// </summary>
public sealed class Notification
{
    /// <summary><c>{eventId}/{userId}</c>, or <c>digest/{userId}/{date}</c> for a digest.</summary>
    public required string Id { get; set; }

    /// <summary>Compare-and-set: a worker claims and finishes a notification only over the version it read.</summary>
    public long Version { get; set; }

    public required string UserId { get; set; }

    public required string EventId { get; set; }

    public required string EventType { get; set; }

    public NotificationKind Kind { get; set; }

    public NotificationChannel Channel { get; set; }

    /// <summary>The email address or Telegram chat id the message goes to, as the person had it when the event came.</summary>
    public required string Address { get; set; }

    public required string Subject { get; set; }

    public required string Text { get; set; }

    public NotificationStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the worker sends it (or, for <see cref="NotificationStatus.Waiting"/>, when its digest is made).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The digest that carried this notification.</summary>
    public string? DigestId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}
