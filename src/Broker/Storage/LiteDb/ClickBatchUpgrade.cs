using Microsoft.Extensions.Options;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Brings the click batches of a database written by an earlier version up to date in the background, a step per write
/// turn, so a start on a big database is not held up by it: first the fields later versions added to each batch
/// (<see cref="ClickBatchFields"/>), then the click counters (<see cref="ClickCounterBackfill"/>), then the counters' link
/// keys (<see cref="ClickCounterKeys"/>). Readers find and count clicks the old way until each part is done.
/// </summary>
internal sealed partial class ClickBatchUpgrade(
    BrokerDatabase database, IOptions<StorageOptions> options, TimeProvider time, ILogger<ClickBatchUpgrade> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // off the start-up path
        foreach (var fields in new[] { ClickBatchFields.Codes, ClickBatchFields.Days })
        {
            if (!fields.IsDone(database))
            {
                Log.AddingField(logger, fields.Field);
                var steps = await RunAsync(() => fields.Step(database), step => Log.AddedChunk(logger, fields.Field, step), stoppingToken);
                Log.AddedField(logger, fields.Field, steps);
            }
        }

        if (!ClickCounterBackfill.IsBuilt(database))
        {
            Log.Building(logger);
            Log.Built(logger, await RunAsync(() => ClickCounterBackfill.Step(database), step => Log.Counted(logger, step), stoppingToken));
        }

        if (!ClickCounterKeys.IsDone(database))
        {
            Log.Keying(logger);
            Log.Keyed(logger, await RunAsync(() => ClickCounterKeys.Step(database), _ => { }, stoppingToken));
        }
    }

    /// <summary>Runs <paramref name="step"/> until it says it is done, telling <paramref name="stepped"/> of each step committed before; the number of steps.</summary>
    private async Task<int> RunAsync(Func<bool> step, Action<int> stepped, CancellationToken stoppingToken)
    {
        var steps = 0;
        while (true)
        {
            stoppingToken.ThrowIfCancellationRequested();
            steps++;
            if (step())
            {
                return steps;
            }

            stepped(steps);
            if (options.Value.UpgradeStepPause > TimeSpan.Zero)
            {
                await Task.Delay(options.Value.UpgradeStepPause, time, stoppingToken);
            }
            else
            {
                await Task.Yield(); // other writers take their turn between steps
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7301, LogLevel.Information, "Building the share links' click counters from the clicks already stored")]
        public static partial void Building(ILogger logger);

        [LoggerMessage(7302, LogLevel.Information, "The share links' click counters are built ({Steps} steps)")]
        public static partial void Built(ILogger logger, int steps);

        [LoggerMessage(7303, LogLevel.Information, "Adding {Field} to the click batches stored by an earlier version")]
        public static partial void AddingField(ILogger logger, string field);

        [LoggerMessage(7304, LogLevel.Information, "Every click batch has {Field} ({Steps} steps)")]
        public static partial void AddedField(ILogger logger, string field, int steps);

        [LoggerMessage(7305, LogLevel.Debug, "Added {Field} to a chunk of click batches (step {Step}, committed)")]
        public static partial void AddedChunk(ILogger logger, string field, int step);

        [LoggerMessage(7307, LogLevel.Information, "Giving the click counters stored by an earlier version their links' keys")]
        public static partial void Keying(ILogger logger);

        [LoggerMessage(7308, LogLevel.Information, "Every click counter has its link's key ({Steps} steps)")]
        public static partial void Keyed(ILogger logger, int steps);

        [LoggerMessage(7306, LogLevel.Debug, "Counted a step of the stored clicks into the share links' counters (step {Step}, committed)")]
        public static partial void Counted(ILogger logger, int step);
    }
}
