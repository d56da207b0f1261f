namespace Broker.Reports;

/// <summary>A report answered as JSON (the whole object) or as CSV (one of its named tables).</summary>
public interface ITabularReport
{
    /// <summary>The table names <c>?table=</c> accepts; the first is the CSV default.</summary>
    static abstract IReadOnlyList<string> TableNames { get; }

    ReportPeriod Period { get; }

    CsvTable Table(string name);
}
