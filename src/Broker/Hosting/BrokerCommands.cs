using Broker.Migration;

namespace Broker.Hosting;

/// <summary>
/// The commands of the broker's executable, run before any web host is built. A first argument that is neither an
/// option (<c>--Key=value</c>) nor a setting (<c>Key=value</c>) names a command; an unknown one gets the usage.
/// </summary>
internal static class BrokerCommands
{
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && args[0].Length > 0 && args[0][0] is not ('-' or '/') && !args[0].Contains('=', StringComparison.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        if (args[0] == MigrateCommand.Name)
        {
            return await MigrateCommand.RunAsync(args, Console.Out, Console.Error, stop.Token);
        }

        await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'. Run the broker without a command to serve, or:{Environment.NewLine}{MigrateCommand.Usage}");
        return 2;
    }
}
