using System.Text.RegularExpressions;
using Broker.Api;
using MimeKit;

namespace Broker.Notifications;

/// <summary>
/// A person's notification settings as they send them (API body, page form), checked field by field before anything is
/// stored: a malformed email address or a chat id that is not a number is refused with a message naming it.
/// </summary>
public sealed partial record PreferencesRequest(
    string? Email,
    string? TelegramChatId,
    Dictionary<string, string>? Channels,
    string? QuietFrom,
    string? QuietUntil,
    bool? SharingDigest)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        var email = Blank(Email);
        if (email is not null && !IsEmail(email))
        {
            errors.Add("email", MessageCodes.NotificationEmail, $"'{email}' is not an email address (name@domain.go.id).", ("value", email));
        }

        var chat = Blank(TelegramChatId);
        if (chat is not null && !ChatId().IsMatch(chat))
        {
            errors.Add("telegramChatId", MessageCodes.NotificationTelegramChatId, $"'{chat}' is not a Telegram chat id: a number, negative for a group (ask the bot, or @userinfobot, for yours).", ("value", chat));
        }

        foreach (var (kind, channel) in Channels ?? [])
        {
            if (!Enum.TryParse<NotificationKind>(kind, ignoreCase: true, out _) || int.TryParse(kind, out _))
            {
                var kinds = string.Join(", ", Enum.GetNames<NotificationKind>().Select(Camel));
                errors.Add($"channels.{kind}", MessageCodes.NotificationKind, $"'{kind}' is not a kind of notification; use {kinds}.", ("kind", kind), ("kinds", kinds));
            }
            else if (!TryChannel(channel, out var parsed))
            {
                errors.Add($"channels.{kind}", MessageCodes.NotificationChannel, $"'{channel}' is not a channel; use email, telegram or none.", ("value", channel));
            }
            else if (parsed == NotificationChannel.Email && email is null)
            {
                errors.Add($"channels.{kind}", MessageCodes.NotificationEmailMissing, "Email is chosen but no email address is given.");
            }
            else if (parsed == NotificationChannel.Telegram && chat is null)
            {
                errors.Add($"channels.{kind}", MessageCodes.NotificationTelegramMissing, "Telegram is chosen but no Telegram chat id is given.");
            }
        }

        var from = Blank(QuietFrom);
        var until = Blank(QuietUntil);
        if (from is not null && QuietHours.Parse(from) is null)
        {
            errors.Add("quietFrom", MessageCodes.NotificationQuietTime, $"'{from}' is not a time of day as HH:mm (for example 21:00).", ("value", from), ("example", "21:00"));
        }

        if (until is not null && QuietHours.Parse(until) is null)
        {
            errors.Add("quietUntil", MessageCodes.NotificationQuietTime, $"'{until}' is not a time of day as HH:mm (for example 06:00).", ("value", until), ("example", "06:00"));
        }

        if ((from is null) != (until is null))
        {
            errors.Add(from is null ? "quietFrom" : "quietUntil", MessageCodes.NotificationQuietBoth, "Quiet hours need both a start and an end, or neither.");
        }

        return errors;
    }

    /// <summary>The preferences this request makes; call only after <see cref="Validate"/> found nothing.</summary>
    public NotificationPreferences ToPreferences(string userId, DateTimeOffset now) => new()
    {
        Id = userId,
        Email = Blank(Email),
        TelegramChatId = Blank(TelegramChatId),
        Channels = (Channels ?? []).ToDictionary(
            c => Enum.Parse<NotificationKind>(c.Key, ignoreCase: true).ToString(),
            c => TryChannel(c.Value, out var parsed) ? parsed : NotificationChannel.None),
        QuietFrom = Blank(QuietFrom),
        QuietUntil = Blank(QuietUntil),
        SharingDigest = SharingDigest ?? true,
        UpdatedAt = now,
    };

    /// <summary>What the person typed, shown back on a refused form: only the values that parse are kept.</summary>
    public NotificationPreferences ToUnsaved(string userId) => new()
    {
        Id = userId,
        Email = Blank(Email),
        TelegramChatId = Blank(TelegramChatId),
        Channels = (Channels ?? [])
            .Where(c => Enum.TryParse<NotificationKind>(c.Key, ignoreCase: true, out _) && TryChannel(c.Value, out _))
            .ToDictionary(c => Enum.Parse<NotificationKind>(c.Key, ignoreCase: true).ToString(), c => Enum.Parse<NotificationChannel>(c.Value, ignoreCase: true)),
        QuietFrom = Blank(QuietFrom),
        QuietUntil = Blank(QuietUntil),
        SharingDigest = SharingDigest ?? true,
    };

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryChannel(string? value, out NotificationChannel channel) =>
        Enum.TryParse(value, ignoreCase: true, out channel) && !int.TryParse(value, out _);

    // One plain address, nothing MIME would read as a display name or a group; no spaces or line breaks.
    private static bool IsEmail(string value) =>
        value.Length <= 254 && SimpleEmail().IsMatch(value) && MailboxAddress.TryParse(value, out var parsed) && parsed.Address == value;

    [GeneratedRegex("^[^@\\s<>\"(),;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")]
    private static partial Regex SimpleEmail();

    [GeneratedRegex("^-?[0-9]{1,19}$")]
    private static partial Regex ChatId();
}
