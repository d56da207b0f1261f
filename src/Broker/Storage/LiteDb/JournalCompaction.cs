using Broker.Dispatch;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Compacts the intent journal while the broker runs (LiteDB), so that it holds the deliveries still on their way rather
/// than every one since the last start. An id is let go only once its delivery's finished state is on disk: the states
/// are read first, then the LiteDB log is checkpointed, then the journal is rewritten (keeping whatever was recorded
/// meanwhile). A crash at any point leaves a journal naming every delivery whose outcome the store could still lose.
/// </summary>
internal sealed partial class JournalCompaction(
    IntentJournal journal, IDeliveryStore deliveries, BrokerDatabase database, IOptions<StorageOptions> options, TimeProvider time, ILogger<JournalCompaction> logger)
    : PeriodicSweep(time, logger)
{
    protected override TimeSpan Interval => options.Value.JournalCompactionInterval;

    protected override string Purpose => "The compaction of the intent journal";

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var snapshot = journal.Snapshot();
        if (snapshot.Ids.Count == 0)
        {
            return;
        }

        var keep = new List<string>();
        foreach (var id in snapshot.Ids)
        {
            if (await deliveries.GetAsync(id, cancellationToken) is { Status: DeliveryStatus.Scheduled or DeliveryStatus.Retrying or DeliveryStatus.Publishing })
            {
                keep.Add(id);
            }
        }

        // The finished states just read reach the data file (and the disk) before their intents go.
        database.Checkpoint();
        if (journal.Compact(snapshot, keep))
        {
            Log.Compacted(Logger, snapshot.Ids.Count, keep.Count);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7111, LogLevel.Debug, "Intent journal compacted: {Read} ids read, {Kept} kept")]
        public static partial void Compacted(ILogger logger, int read, int kept);
    }
}
