namespace Broker.Notifications;

/// <summary>A rendered notification: the subject (the template's first line) and the whole text.</summary>
public sealed record NotificationMessage(string Subject, string Text);
