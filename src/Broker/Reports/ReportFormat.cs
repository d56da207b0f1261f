namespace Broker.Reports;

/// <summary>How a report is answered: the whole report as JSON, or one of its tables as CSV.</summary>
public enum ReportFormat
{
    Json,
    Csv,
}
