using Broker.Notifications;

namespace Broker.Tests.Notifications;

public sealed class QuietHoursTests
{
    private static readonly TimeZoneInfo Wita = TimeZoneInfo.FindSystemTimeZoneById("Asia/Makassar");

    private static readonly NotificationPreferences Night = new() { Id = "u", QuietFrom = "21:00", QuietUntil = "06:00" };

    [Theory]
    [InlineData("2026-11-23T20:59:00+08:00", null)]
    [InlineData("2026-11-23T21:00:00+08:00", "2026-11-24T06:00:00+08:00")]
    [InlineData("2026-11-23T23:30:00+08:00", "2026-11-24T06:00:00+08:00")]
    [InlineData("2026-11-24T05:59:00+08:00", "2026-11-24T06:00:00+08:00")]
    [InlineData("2026-11-24T06:00:00+08:00", null)]
    public void Quiet_hours_over_midnight_end_the_next_morning_in_the_citys_time(string now, string? end)
    {
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        var ends = QuietHours.EndOf(Night, at, Wita);

        Assert.Equal(end is null ? null : DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), ends);
    }

    [Fact]
    public void Quiet_hours_within_a_day_end_the_same_day_and_none_set_means_never_quiet()
    {
        var lunch = new NotificationPreferences { Id = "u", QuietFrom = "12:00", QuietUntil = "13:00" };
        var at = new DateTimeOffset(2026, 11, 23, 12, 30, 0, TimeSpan.FromHours(8));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.FromHours(8)), QuietHours.EndOf(lunch, at, Wita));
        Assert.Null(QuietHours.EndOf(new NotificationPreferences { Id = "u" }, at, Wita));
    }
}
