using System.Runtime.InteropServices;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Scheduling;

/// <summary>
/// Rebuilds the scheduler's wake-ups from the store at start-up, so a restart loses nothing. A delivery that came due
/// while the broker was down and is staler than <see cref="DeliveryOptions.StaleAfter"/> is held for an editor. One that
/// was being published when the broker stopped may have reached the platform: it is reconciled, never republished blindly.
/// Only what scheduling needs is read (no texts, no bodies), a batch at a time, and only the deliveries due within the
/// scheduling window get a Quartz wake-up now (<see cref="QuartzDeliveryScheduler"/> keeps the others for the window).
/// </summary>
internal sealed partial class DeliveryRecovery(
    IDeliveryStore deliveries,
    QuartzDeliveryScheduler scheduler,
    AccountHolds holds,
    IItemStore items,
    ItemProgress progress,
    IntentJournal journal,
    BrokerDatabase database,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var horizon = scheduler.OpenWindow(now);
        var found = await ReadPendingAsync(now, cancellationToken);

        // The few changes are made once the walk is over, not in the middle of its batches.
        foreach (var id in found.Reconcile)
        {
            // Named in the journal but not finished in the store: the platform may have the post even though the store
            // lost the "publishing" mark in a crash.
            if (await deliveries.GetAsync(id, cancellationToken) is { } delivery)
            {
                delivery.Status = DeliveryStatus.Retrying;
                delivery.NeedsReconcile = true;
                delivery.DueAt = now;
                delivery.UpdatedAt = now;
                await deliveries.UpdateAsync(delivery, cancellationToken);
                found.Due.Add(new DueDelivery(id, now));
            }
        }

        var held = 0;
        foreach (var id in found.Stale)
        {
            if (await deliveries.GetAsync(id, cancellationToken) is { } delivery)
            {
                await holds.HoldAsync(delivery, HoldReasons.Stale(delivery.DueAt, options.Value.StaleAfter), cancellationToken);
                held++;
            }
        }

        // Once the store holds every reconcile mark on disk, the journal needs only the deliveries still pending.
        database.Checkpoint();
        journal.Compact(found.Unfinished);
        await scheduler.ScheduleAsync(found.Due, cancellationToken);
        await CatchUpItemsAsync(found.PendingPerItem, cancellationToken);
        var later = found.Due.Count(d => d.DueAt > horizon);
        Log.Recovered(logger, found.Due.Count - later, later, held);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<PendingFound> ReadPendingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var staleBefore = now - options.Value.StaleAfter;
        var intents = journal.ReadAll();
        var found = new PendingFound();
        await foreach (var delivery in deliveries.ListPendingAsync(cancellationToken))
        {
            CollectionsMarshal.GetValueRefOrAddDefault(found.PendingPerItem, delivery.ItemId, out _)++;
            var named = intents.Contains(delivery.Id);
            if (named)
            {
                found.Unfinished.Add(delivery.Id);
            }

            if (delivery.Status == DeliveryStatus.Publishing || (named && !delivery.NeedsReconcile))
            {
                found.Reconcile.Add(delivery.Id);
            }
            else if (delivery.DueAt < staleBefore)
            {
                found.Stale.Add(delivery.Id);
            }
            else
            {
                found.Due.Add(new DueDelivery(delivery.Id, delivery.DueAt));
            }
        }

        return found;
    }

    // A crash can keep a delivery's "published" and lose its item's: bring approved items up to date. An item has one
    // live delivery per account; when every one of them is still pending (or was just held) there is nothing to catch up
    // with, so only the others are refreshed (at 100,000 pending this was most of the start-up).
    private async Task CatchUpItemsAsync(Dictionary<string, int> pendingPerItem, CancellationToken cancellationToken)
    {
        await foreach (var item in items.ListApprovedAsync(cancellationToken))
        {
            if (!pendingPerItem.TryGetValue(item.Id, out var stillPending) || stillPending != item.AccountCount)
            {
                await progress.RefreshAsync(item.Id, cancellationToken);
            }
        }
    }

    private sealed class PendingFound
    {
        public Dictionary<string, int> PendingPerItem { get; } = new(StringComparer.Ordinal);

        public List<DueDelivery> Due { get; } = [];

        public List<string> Reconcile { get; } = [];

        public List<string> Stale { get; } = [];

        public List<string> Unfinished { get; } = [];
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Recovered {Scheduled} pending deliveries from the store and {Later} due after the scheduling window; held {Held} stale ones")]
        public static partial void Recovered(ILogger logger, int scheduled, int later, int held);
    }
}
