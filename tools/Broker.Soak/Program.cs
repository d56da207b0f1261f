using Broker.Soak;

var (options, problems) = SoakOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, problems));
    Console.Error.WriteLine("usage: " + SoakOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var rig = await SoakRig.StartAsync(stop.Token);
var report = await new SoakRun(rig, options, Console.Out).RunAsync(stop.Token);
return report.Duplicates > 0 || report.Lost > 0 ? 1 : 0;
