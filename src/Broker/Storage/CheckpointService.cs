using Microsoft.Extensions.Options;

namespace Broker.Storage;

/// <summary>Folds the LiteDB log into the data file on a timer, since LiteDB's own auto-checkpoint can give up.</summary>
internal sealed class CheckpointService(BrokerDatabase database, IOptions<StorageOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                database.Checkpoint();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
