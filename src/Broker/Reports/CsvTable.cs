namespace Broker.Reports;

/// <summary>
/// One table of a report, ready for CSV: a header and rows of cells. Cells are strings, numbers, booleans, dates or
/// null; <see cref="CsvWriter"/> formats them the same way for every report.
/// </summary>
public sealed record CsvTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);
