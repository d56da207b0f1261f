using System.Text;

namespace Broker.Bench.Report;

/// <summary>Prints the figures as one aligned table (and as Markdown for BENCHMARKS.md).</summary>
internal static class FigureTable
{
    private static readonly string[] Headings = ["section", "figure", "measured", "reference (same run)", "target", "verdict"];

    public static void Write(TextWriter output, IReadOnlyList<Figure> figures, BenchSettings settings)
    {
        var rows = figures.Select(Cells).ToList();
        var widths = Enumerable.Range(0, Headings.Length)
            .Select(c => rows.Select(r => r[c].Length).Append(Headings[c].Length).Max())
            .ToArray();
        output.WriteLine(Title(settings));
        output.WriteLine(Line(Headings, widths));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        string? section = null;
        foreach (var row in rows)
        {
            var cells = (string[])row.Clone();
            if (cells[0] == section)
            {
                cells[0] = "";
            }

            section = row[0];
            output.WriteLine(Line(cells, widths));
        }
    }

    public static string Markdown(IReadOnlyList<Figure> figures, BenchSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(Title(settings)).AppendLine();
        text.AppendLine("| " + string.Join(" | ", Headings) + " |");
        text.AppendLine("|" + string.Concat(Headings.Select(_ => "---|")));
        foreach (var row in figures.Select(Cells))
        {
            text.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        return text.ToString();
    }

    private static string Title(BenchSettings settings) =>
        $"Broker benchmarks ({(settings.Quick ? "quick run: small N, targets not judged" : "full run")}{(settings.Runs("history") && settings.HistoryScale < 1 ? $"; history at scale {settings.HistoryScale:0.####}, targets not judged" : "")}; {Environment.ProcessorCount} cores, .NET {Environment.Version})";

    private static string[] Cells(Figure f) => [f.Section, f.Name, f.Measured, f.Reference, f.Target, VerdictText(f.Verdict)];

    private static string VerdictText(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "pass",
        Verdict.Miss => "MISS",
        Verdict.NotJudged => "(quick)",
        Verdict.Skipped => "skipped",
        Verdict.Error => "ERROR",
        _ => "",
    };

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
