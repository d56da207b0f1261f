namespace Broker.Notifications;

/// <summary>One person's contact details, their channel per kind of event, and their quiet hours.</summary>
public sealed class NotificationPreferences
{
    /// <summary>The user's id.</summary>
    public required string Id { get; set; }

    public string? Email { get; set; }

    /// <summary>The Telegram chat the bot writes to: a number (negative for a group).</summary>
    public string? TelegramChatId { get; set; }

    /// <summary>The channel per <see cref="NotificationKind"/> name; a kind not named goes by email when there is an address.</summary>
    public Dictionary<string, NotificationChannel> Channels { get; set; } = [];

    /// <summary>Quiet hours in the installation's time zone, <c>HH:mm</c>; both set or neither. May wrap midnight (21:00–06:00).</summary>
    public string? QuietFrom { get; set; }

    public string? QuietUntil { get; set; }

    /// <summary>New items to share come once a day in one message (the default) rather than one by one.</summary>
    public bool SharingDigest { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The channel for a kind, falling back to email when an address is known, else Telegram, else none.</summary>
    public NotificationChannel ChannelFor(NotificationKind kind)
    {
        if (Channels.TryGetValue(kind.ToString(), out var chosen))
        {
            return chosen;
        }

        return Email is not null ? NotificationChannel.Email : TelegramChatId is not null ? NotificationChannel.Telegram : NotificationChannel.None;
    }

    /// <summary>The address of a channel, when the person gave one.</summary>
    public string? AddressFor(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => Email,
        NotificationChannel.Telegram => TelegramChatId,
        _ => null,
    };
}
