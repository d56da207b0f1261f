using System.Globalization;
using Broker.Access;
using Broker.Api;
using Broker.Rendering;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Broker.Reports;

/// <summary>
/// Reads a report request: <c>?from=&amp;to=</c> (ISO 8601 dates or date-times; a date alone is a whole day in the
/// installation's time zone, and <c>to</c> includes that day), <c>?format=json|csv</c> or <c>Accept: text/csv</c>,
/// <c>?table=</c> and <c>?opd=</c>. Without a period: the 30 days up to now.
/// </summary>
public sealed class ReportQueries(TimeProvider time, IOptions<RenderingOptions> rendering, IOptions<ReportsOptions> options)
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);

    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(rendering.Value.TimeZone);

    public TimeZoneInfo Zone => zone;

    /// <summary>The query, or the problems with it per field (<c>from</c>, <c>to</c>, <c>format</c>, <c>table</c>).</summary>
    public ReportQuery? Read<TReport>(HttpContext context, FieldErrors errors)
        where TReport : ITabularReport
    {
        var query = context.Request.Query;
        var now = time.GetUtcNow();
        var to = ParseTime(errors, "to", query["to"], endOfDay: true) ?? now;
        var from = ParseTime(errors, "from", query["from"], endOfDay: false) ?? to - DefaultPeriod;
        if (!errors.Any && from >= to)
        {
            errors.Add("from", MessageCodes.ReportPeriodOrder, "from must be before to.");
        }
        else if (!errors.Any && to - from > TimeSpan.FromDays(options.Value.MaxPeriodDays))
        {
            errors.Add("to", MessageCodes.ReportPeriodTooLong, $"A report covers at most {options.Value.MaxPeriodDays} days.", ("days", options.Value.MaxPeriodDays));
        }

        var format = ParseFormat(errors, query["format"], context.Request.GetTypedHeaders().Accept);
        string? table = query["table"];
        if (!string.IsNullOrEmpty(table) && !TReport.TableNames.Contains(table, StringComparer.Ordinal))
        {
            var tables = string.Join(", ", TReport.TableNames);
            errors.Add("table", MessageCodes.ReportUnknownTable, $"Unknown table '{table}'; this report has: {tables}.", ("table", table), ("tables", tables));
        }

        string? opd = query["opd"];
        var caller = Caller.Of(context);
        return errors.Any ? null : new ReportQuery(new ReportPeriod(from, to), format, string.IsNullOrEmpty(table) ? null : table, caller.ScopeOpd(string.IsNullOrEmpty(opd) ? null : opd));
    }

    /// <summary>A date in the installation's time zone as the instant its day starts.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The installation's local date of an instant.</summary>
    public DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private DateTimeOffset? ParseTime(FieldErrors errors, string field, string? value, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // Checked before any shift by the time zone or a day, which overflow near year 1 and 9999.
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return SupportedDates.Contains(day) ? StartOf(endOfDay ? day.AddDays(1) : day) : OutOfRange(errors, field);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return SupportedDates.Contains(at) ? at : OutOfRange(errors, field);
        }

        errors.Add(field, MessageCodes.FieldDateFormat, $"{field} must be a date (2026-11-01) or a date and time (2026-11-01T08:00:00+08:00).");
        return null;
    }

    private static DateTimeOffset? OutOfRange(FieldErrors errors, string field)
    {
        errors.Add(field, SupportedDates.Message(field));
        return null;
    }

    private static ReportFormat ParseFormat(FieldErrors errors, string? format, IList<MediaTypeHeaderValue> accept)
    {
        switch (format)
        {
            case null or "":
                return accept.Any(t => t.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)) ? ReportFormat.Csv : ReportFormat.Json;
            case "json":
                return ReportFormat.Json;
            case "csv":
                return ReportFormat.Csv;
            default:
                errors.Add("format", MessageCodes.ReportUnknownFormat, $"Unknown format '{format}'; use json or csv.", ("format", format));
                return ReportFormat.Json;
        }
    }
}
