using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Storage;

/// <summary>
/// Moves finished work (<see cref="ArchiveRule"/>) older than <c>Storage:ArchiveAfter</c> into the archive every
/// <c>Storage:ArchiveInterval</c>, a bounded batch at a time, each batch its own transaction: a round that is stopped or
/// killed halfway leaves every item either wholly moved or wholly where it was, and the next round goes on.
/// </summary>
internal sealed partial class ArchiveSweep(IArchiveStore archive, IOptions<StorageOptions> options, TimeProvider time, ILogger<ArchiveSweep> logger)
    : PeriodicSweep(time, logger)
{
    /// <summary>Items per batch: a transaction short enough that a dispatch write never waits long behind it.</summary>
    public const int BatchSize = 100;

    protected override TimeSpan Interval => options.Value.ArchiveInterval;

    protected override string Purpose => "The archiving of finished work";

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        if (options.Value is not { Archives: true, ArchiveAfter: { } age })
        {
            return;
        }

        var before = Time.GetUtcNow() - age;
        int items = 0, deliveries = 0;
        PageCursor? after = null;
        do
        {
            var batch = await archive.ArchiveAsync(before, after, BatchSize, cancellationToken);
            if (batch.Items > 0)
            {
                Log.BatchArchived(Logger, batch.Items, batch.Deliveries);
            }

            items += batch.Items;
            deliveries += batch.Deliveries;
            after = batch.Next;
        }
        while (after is not null);

        if (items > 0)
        {
            Log.Archived(Logger, items, deliveries, before);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7130, LogLevel.Debug, "Archived a batch of {Items} finished items with {Deliveries} deliveries")]
        public static partial void BatchArchived(ILogger logger, int items, int deliveries);

        [LoggerMessage(7131, LogLevel.Information, "Archived {Items} items with {Deliveries} deliveries finished before {Before}")]
        public static partial void Archived(ILogger logger, int items, int deliveries, DateTimeOffset before);
    }
}
