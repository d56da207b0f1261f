using Broker.Bench;
using Broker.Bench.Report;

var settings = BenchSettings.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine(BenchSettings.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var figures = await Suite.RunAsync(settings, Console.Out, stop.Token);
Console.WriteLine();
FigureTable.Write(Console.Out, figures, settings);
if (settings.MarkdownPath is { } path)
{
    await File.WriteAllTextAsync(path, FigureTable.Markdown(figures, settings), stop.Token);
    Console.WriteLine($"Markdown table written to {Path.GetFullPath(path)}");
}

// The suite measures; it never fails a build over a missed target. A section that broke is an error, though.
return figures.Any(f => f.Verdict == Verdict.Error) ? 1 : 0;
