using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Storage;

/// <summary>Folds the LiteDB log into the data file on a timer, since LiteDB's own auto-checkpoint can give up.</summary>
internal sealed class CheckpointService(BrokerDatabase database, IOptions<StorageOptions> options, TimeProvider time, ILogger<CheckpointService> logger)
    : PeriodicSweep(time, logger)
{
    protected override TimeSpan Interval => options.Value.CheckpointInterval;

    protected override string Purpose => "The checkpoint of the LiteDB log";

    protected override Task RunRoundAsync(CancellationToken cancellationToken)
    {
        database.Checkpoint();
        return Task.CompletedTask;
    }
}
