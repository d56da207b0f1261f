namespace Broker.Notifications;

/// <summary>A rendered notification: the subject (the template's first line) and the whole text.</summary>
public sealed record NotificationMessage(string Subject, string Text)
{
    /// <summary>
    /// The same on every attempt at one notification (its id): an email's Message-ID is made from it, so a message carried
    /// twice (the broker stopped between the send and its record, and sent it again) is one message to the mail client.
    /// </summary>
    public string? Key { get; init; }
}
