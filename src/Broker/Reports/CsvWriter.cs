using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Broker.Reports;

/// <summary>
/// Writes CSV by RFC 4180: comma-separated, CRLF line ends, a header line, and fields holding a comma, a quote or a
/// line break enclosed in quotes with inner quotes doubled. Numbers and dates are culture-invariant (dates in UTC,
/// ISO 8601). Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading
/// apostrophe, since titles and names come from users.
/// </summary>
public static class CsvWriter
{
    public static string Write(CsvTable table)
    {
        var text = new StringBuilder();
        AppendLine(text, table.Header);
        foreach (var row in table.Rows)
        {
            AppendLine(text, row);
        }

        return text.ToString();
    }

    /// <summary>One cell as it appears in the file, quoted when it has to be.</summary>
    public static string Field(object? value)
    {
        var text = Format(value);
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static void AppendLine<T>(StringBuilder text, IReadOnlyList<T> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(Field(cells[i]));
        }

        text.Append("\r\n");
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => Neutralize(s),
        bool b => b ? "true" : "false",
        DateTimeOffset at => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        Enum e => JsonNamingPolicy.CamelCase.ConvertName(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Neutralize(value.ToString() ?? ""),
    };

    private static string Neutralize(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
