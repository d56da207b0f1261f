namespace Broker.Reports;

/// <summary>
/// What a report request asks for: the period, the format, the CSV table (null: the report's first), and the OPD the
/// report is limited to (always the caller's own for an OPD admin; null for every OPD).
/// </summary>
public sealed record ReportQuery(ReportPeriod Period, ReportFormat Format, string? Table, string? Opd)
{
    /// <summary>Whether the report shows this OPD's rows.</summary>
    public bool Covers(string opd) => Opd is null || string.Equals(Opd, opd, StringComparison.Ordinal);
}
