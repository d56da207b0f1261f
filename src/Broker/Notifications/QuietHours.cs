using System.Globalization;

namespace Broker.Notifications;

/// <summary>Quiet hours as the person set them (<c>HH:mm</c> to <c>HH:mm</c>, local time, possibly over midnight).</summary>
public static class QuietHours
{
    /// <summary>A <c>HH:mm</c> time, or null when <paramref name="text"/> is not one.</summary>
    public static TimeOnly? Parse(string? text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>When the quiet period that <paramref name="now"/> falls in ends, or null when it falls in none.</summary>
    public static DateTimeOffset? EndOf(NotificationPreferences preferences, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        if (Parse(preferences.QuietFrom) is not { } from || Parse(preferences.QuietUntil) is not { } until || from == until)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var today = DateOnly.FromDateTime(local.DateTime);
        bool quiet;
        DateOnly endDay;
        if (from < until)
        {
            quiet = time >= from && time < until;
            endDay = today;
        }
        else
        {
            // Over midnight: quiet from `from` to the end of the day, and from midnight until `until`.
            quiet = time >= from || time < until;
            endDay = time >= from ? today.AddDays(1) : today;
        }

        if (!quiet)
        {
            return null;
        }

        var end = endDay.ToDateTime(until);
        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }
}
