using System.Globalization;
using Broker.Rendering;
using Microsoft.Extensions.Options;

namespace Broker.Notifications;

/// <summary>Notification times in the installation's time zone (<c>Rendering:TimeZone</c>): the digest hour, dates in messages.</summary>
public sealed class NotificationClock(TimeProvider time, IOptions<RenderingOptions> rendering, IOptions<NotificationsOptions> options)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(rendering.Value.TimeZone);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The first digest hour at or after <paramref name="now"/>.</summary>
    public DateTimeOffset NextDigestAt(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone);
        var today = DateOnly.FromDateTime(local.DateTime).ToDateTime(new TimeOnly(options.Value.DigestHour, 0));
        var at = new DateTimeOffset(today, Zone.GetUtcOffset(today));
        return at >= now ? at : at.AddDays(1);
    }

    public DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    public string Format(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Zone).ToString("d MMMM yyyy HH:mm", CultureInfo.GetCultureInfo("id-ID"));
}
