using System.Globalization;
using System.Text;

namespace Broker.Reports;

/// <summary>Answers a report as JSON, or one of its tables as a CSV download named after the report and its period.</summary>
public static class ReportResults
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    public static IResult Answer<TReport>(TReport report, ReportQuery query, string name)
        where TReport : ITabularReport
    {
        if (query.Format == ReportFormat.Json)
        {
            return TypedResults.Ok(report);
        }

        var table = query.Table ?? TReport.TableNames[0];
        return TypedResults.File(Encoding.UTF8.GetBytes(CsvWriter.Write(report.Table(table))), CsvContentType, FileName(name, table, report.Period));
    }

    /// <summary><c>opd-activity-opds-2026-11-01-2026-11-30.csv</c> (UTC dates of the period's ends).</summary>
    public static string FileName(string report, string table, ReportPeriod period) =>
        string.Create(CultureInfo.InvariantCulture, $"{report}-{table}-{period.From.UtcDateTime:yyyy-MM-dd}-{period.To.UtcDateTime:yyyy-MM-dd}.csv");
}
