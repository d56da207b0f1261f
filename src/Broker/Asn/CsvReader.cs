using System.Text;

namespace Broker.Asn;

/// <summary>
/// Reads RFC 4180 CSV strictly: one separator, double-quoted fields with "" for a quote, CRLF or LF line ends, blank
/// lines skipped. What a lenient reader would read wrongly is refused with its line instead: a quote that never closes
/// (named by the line it opened on), a quoted field that runs over a line break (no value of this import holds one, so
/// a closing quote is missing; reading goes on at the next line so later faults are found too), a quote inside an
/// unquoted field, text after a closing quote, and control characters other than tab, CR and LF.
/// </summary>
public static class CsvReader
{
    /// <summary>A record and the line it starts on (1-based).</summary>
    public sealed record Row(int Line, string[] Fields);

    /// <summary>Why the file cannot be read as it stands, and the line to look at.</summary>
    public sealed record Fault(int Line, string Reason);

    public sealed record Content(IReadOnlyList<Row> Rows, IReadOnlyList<Fault> Faults);

    private enum State
    {
        Unquoted,
        Quoted,
        AfterQuote,
    }

    public static Content Read(string text, char separator)
    {
        var parse = new Parse(separator);
        foreach (var ch in text)
        {
            parse.Take(ch);
        }

        return parse.End();
    }

    private sealed class Parse(char separator)
    {
        private readonly List<Row> rows = [];
        private readonly Dictionary<int, string> faults = [];
        private readonly List<string> fields = [];
        private readonly StringBuilder field = new();
        private State state = State.Unquoted;
        private int line = 1;
        private int start = 1;
        private int quoteLine;
        private bool any;

        public void Take(char ch)
        {
            if (char.IsControl(ch) && ch is not ('\t' or '\r' or '\n'))
            {
                Refuse(line, $"a control character (U+{(int)ch:X4}) in a field; remove it");
            }

            switch (state)
            {
                case State.Quoted:
                    TakeQuoted(ch);
                    break;
                case State.AfterQuote when ch != separator && ch is not ('"' or '\r' or '\n'):
                    Refuse(line, "text after a closing quote; quote the whole field and double any quote inside it (\"\")");
                    state = State.Unquoted;
                    field.Append(ch);
                    break;
                default:
                    TakeUnquoted(ch);
                    break;
            }
        }

        public Content End()
        {
            if (state == State.Quoted)
            {
                Refuse(quoteLine, $"the quote opened on line {quoteLine} never closes");
            }

            EndRecord();
            return new(rows, [.. faults.OrderBy(f => f.Key).Select(f => new Fault(f.Key, f.Value))]);
        }

        private void TakeQuoted(char ch)
        {
            if (ch == '"')
            {
                state = State.AfterQuote;
            }
            else if (ch is '\r' or '\n')
            {
                Refuse(quoteLine, $"the quote opened on line {quoteLine} does not close on that line; a field may not span lines");
                state = State.Unquoted;
                TakeUnquoted(ch);
            }
            else
            {
                field.Append(ch);
            }
        }

        private void TakeUnquoted(char ch)
        {
            if (ch == '"' && state == State.AfterQuote)
            {
                field.Append('"');
                state = State.Quoted;
            }
            else if (ch == '"' && field.Length == 0 && state == State.Unquoted)
            {
                (state, quoteLine, any) = (State.Quoted, line, true);
            }
            else if (ch == '"')
            {
                Refuse(line, "a quote inside an unquoted field; quote the whole field and double the quote (\"\")");
                field.Append(ch);
            }
            else if (ch == separator)
            {
                fields.Add(field.ToString());
                (field.Length, state, any) = (0, State.Unquoted, true);
            }
            else if (ch == '\n')
            {
                EndRecord();
                start = ++line;
            }
            else if (ch != '\r')
            {
                field.Append(ch);
                any = true;
            }
        }

        private void EndRecord()
        {
            if (any || field.Length > 0)
            {
                fields.Add(field.ToString());
                rows.Add(new Row(start, [.. fields]));
            }

            fields.Clear();
            (field.Length, state, any) = (0, State.Unquoted, false);
        }

        /// <summary>Keeps the first fault of each line: one is enough to find it.</summary>
        private void Refuse(int at, string reason) => faults.TryAdd(at, reason);
    }
}
