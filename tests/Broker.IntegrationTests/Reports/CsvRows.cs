using System.Text;

namespace Broker.IntegrationTests.Reports;

/// <summary>A strict RFC 4180 reader for the tests: CRLF line ends, quoted fields with doubled quotes, header first.</summary>
public sealed class CsvRows
{
    private CsvRows(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The rows as dictionaries keyed by header name.</summary>
    public IReadOnlyList<Dictionary<string, string>> Records =>
        [.. Rows.Select(r => Header.Select((h, i) => (h, r[i])).ToDictionary(p => p.h, p => p.Item2))];

    public Dictionary<string, string> Single(string column, string value) => Assert.Single(Records, r => r[column] == value);

    public static CsvRows Parse(string text)
    {
        var lines = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (!(text[i] == '"' && (i + 1 == text.Length || text[i + 1] != '"')))
                {
                    field.Append(text[i]);
                    i += text[i] == '"' ? 2 : 1;
                }

                i++;
                Assert.True(i == text.Length || text[i] is ',' or '\r', $"a quoted field must end at a comma or line end (offset {i})");
            }
            else if (text[i] == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r')
            {
                Assert.Equal('\n', text[i + 1]);
                fields.Add(field.ToString());
                field.Clear();
                lines.Add([.. fields]);
                fields.Clear();
                i += 2;
            }
            else
            {
                Assert.NotEqual('\n', text[i]);
                field.Append(text[i]);
                i++;
            }
        }

        Assert.True(fields.Count == 0 && field.Length == 0, "the last line must end with CRLF");
        Assert.All(lines, l => Assert.Equal(lines[0].Length, l.Length));
        return new CsvRows(lines[0], lines.Skip(1).ToList());
    }
}
