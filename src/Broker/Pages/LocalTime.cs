using System.Globalization;
using Broker.Api;
using Broker.Rendering;
using Microsoft.Extensions.Options;

namespace Broker.Pages;

/// <summary>Times as people read and type them: in the installation's time zone (WIB, WITA or WIT), in their language.</summary>
public sealed class LocalTime(IOptions<RenderingOptions> options, TimeProvider time, UserTimes times)
{
    private const string InputFormat = "yyyy-MM-dd'T'HH:mm";

    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>WIB, WITA or WIT for Indonesia's zones, else the UTC offset.</summary>
    public string ZoneName => zone.BaseUtcOffset.TotalHours switch
    {
        7 => "WIB",
        8 => "WITA",
        9 => "WIT",
        var hours => string.Create(CultureInfo.InvariantCulture, $"UTC{hours:+0;-0}"),
    };

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => Day(Now);

    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

    public DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(ToLocal(at).DateTime);

    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>"2 Nov 2026 08.00 WITA" (Indonesian) or "2 Nov 2026 08:00 WITA" (English).</summary>
    public string Format(DateTimeOffset? at) =>
        at is { } value ? ToLocal(value).ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture) + " " + ZoneName : "–";

    public string Clock(DateTimeOffset at) => ToLocal(at).ToString("HH:mm", CultureInfo.CurrentCulture);

    public string FormatDay(DateOnly day) => day.ToString("dddd, d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>The value of a <c>datetime-local</c> input.</summary>
    public string Input(DateTimeOffset? at) => at is { } value ? ToLocal(value).ToString(InputFormat, CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// Reads a <c>datetime-local</c> input for something to happen (publish, wish) and checks it as the API does
    /// (<see cref="UserTimes"/>): the time, and the page's words for why it is refused (unreadable, passed, out of range).
    /// </summary>
    public DateTimeOffset? ReadComing(string? value, out string? problem)
    {
        var at = Read(value, out problem);
        problem ??= Explain(times.WhyComingRefused(at), at);
        return at;
    }

    /// <summary>Reads a <c>datetime-local</c> input for a time that only has to be a readable, supported date (an event's end).</summary>
    public DateTimeOffset? Read(string? value, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!TryParseLocal(value, out var local))
        {
            problem = Text.Submit_BadTime;
            return null;
        }

        if (!SupportedDates.Contains(DateOnly.FromDateTime(local)))
        {
            problem = Explain(TimeRefusal.OutOfRange, null);
            return null;
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>
    /// How long ago <paramref name="at"/> was, as people say it: "baru saja", "12 menit lalu", "3 jam lalu", "kemarin",
    /// "4 hari lalu"; from a week on, the date itself. Calendar days in the installation's zone decide "kemarin".
    /// </summary>
    public string Ago(DateTimeOffset at)
    {
        var elapsed = Now - at;
        var days = Today.DayNumber - Day(at).DayNumber;
        return elapsed switch
        {
            { TotalMinutes: < 1 } => Text.Ago_JustNow,
            { TotalMinutes: < 60 } => Labels.Format(Text.Ago_Minutes, (int)elapsed.TotalMinutes),
            _ when days == 0 => Labels.Format(Text.Ago_Hours, (int)elapsed.TotalHours),
            _ when days == 1 => Text.Ago_Yesterday,
            _ when days < 7 => Labels.Format(Text.Ago_Days, days),
            _ => Format(at),
        };
    }

    /// <summary>A count of whole days since something, as people say it: "hari ini", "kemarin", "5 hari lalu".</summary>
    public static string DaysAgo(int days) => days switch
    {
        <= 0 => Text.Ago_Today,
        1 => Text.Ago_Yesterday,
        _ => Labels.Format(Text.Ago_Days, days),
    };

    /// <summary>Reads a <c>datetime-local</c> input as a time in the installation's zone; null when empty, not a time or not a supported date.</summary>
    public DateTimeOffset? ParseInput(string? value) => Read(value, out _);

    private string? Explain(TimeRefusal? refusal, DateTimeOffset? at) => refusal switch
    {
        null => null,
        TimeRefusal.Passed => Labels.Format(Text.Time_Passed, Format(at), Format(Now)),
        _ => Labels.Format(Text.Time_OutOfRange, FormatDay(SupportedDates.First), FormatDay(SupportedDates.Last)),
    };

    private static bool TryParseLocal(string value, out DateTime local) =>
        DateTime.TryParseExact(value, [InputFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
}
