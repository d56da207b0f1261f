namespace Broker.Storage.LiteDb;

/// <summary>
/// Builds the click counters of a database written before they existed (<see cref="ClickCounterBackfill"/>) in the
/// background, a step per write turn, so a start on a big database is not held up by it; readers count the old way
/// until it is done.
/// </summary>
internal sealed partial class ClickCounterBuild(BrokerDatabase database, ILogger<ClickCounterBuild> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // off the start-up path
        if (ClickCounterBackfill.IsBuilt(database))
        {
            return;
        }

        Log.Building(logger);
        var steps = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            steps++;
            if (ClickCounterBackfill.Step(database))
            {
                Log.Built(logger, steps);
                return;
            }

            await Task.Yield(); // other writers take their turn between steps
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7301, LogLevel.Information, "Building the share links' click counters from the clicks already stored")]
        public static partial void Building(ILogger logger);

        [LoggerMessage(7302, LogLevel.Information, "The share links' click counters are built ({Steps} steps)")]
        public static partial void Built(ILogger logger, int steps);
    }
}
