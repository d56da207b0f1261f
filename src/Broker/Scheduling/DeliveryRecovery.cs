using Broker.Audit;
using Broker.Dispatch;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Scheduling;

/// <summary>
/// Rebuilds the scheduler's wake-ups from the store at start-up, so a restart loses nothing. A delivery that came due
/// while the broker was down and is staler than <see cref="DeliveryOptions.StaleAfter"/> is held for an editor. One that
/// was being published when the broker stopped may have reached the platform: it is reconciled, never republished blindly.
/// </summary>
internal sealed partial class DeliveryRecovery(
    IDeliveryStore deliveries,
    IDeliveryScheduler scheduler,
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
        var window = options.Value.StaleAfter;
        var pending = await deliveries.ListByStatusAsync([DeliveryStatus.Scheduled, DeliveryStatus.Retrying, DeliveryStatus.Publishing], cancellationToken);
        var intents = journal.ReadAll();
        var due = new List<DueDelivery>(pending.Count);
        var held = 0;
        foreach (var delivery in pending)
        {
            // Named in the journal but not finished in the store: the platform may have the post even though the
            // store lost the "publishing" mark in a crash.
            if (delivery.Status == DeliveryStatus.Publishing || (intents.Contains(delivery.Id) && !delivery.NeedsReconcile))
            {
                delivery.Status = DeliveryStatus.Retrying;
                delivery.NeedsReconcile = true;
                delivery.DueAt = now;
                delivery.UpdatedAt = now;
                await deliveries.UpdateAsync(delivery, cancellationToken);
            }
            else if (delivery.DueAt < now - window)
            {
                await holds.HoldAsync(delivery, HoldReasons.Stale(delivery.DueAt, window), cancellationToken);
                held++;
                continue;
            }

            due.Add(new DueDelivery(delivery.Id, delivery.DueAt));
        }

        // Once the store holds every reconcile mark on disk, the journal needs only the deliveries still pending.
        database.Checkpoint();
        var unfinished = pending.Where(d => intents.Contains(d.Id)).Select(d => d.Id).ToList();
        journal.Compact(unfinished);
        await scheduler.ScheduleAsync(due, cancellationToken);

        // A crash can keep a delivery's "published" and lose its item's: bring approved items up to date. An item has
        // one live delivery per account; when every one of them is still pending (or was just held) there is nothing
        // to catch up with, so only the others are refreshed (at 100,000 pending this was most of the start-up).
        var pendingPerItem = pending.CountBy(d => d.ItemId).ToDictionary();
        foreach (var item in await items.ListAsync(Intake.ItemStatus.Approved, null, cancellationToken))
        {
            if (!pendingPerItem.TryGetValue(item.Id, out var stillPending) || stillPending != item.AccountIds.Count)
            {
                await progress.RefreshAsync(item.Id, cancellationToken);
            }
        }

        Log.Recovered(logger, due.Count, held);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Recovered {Scheduled} pending deliveries from the store; held {Held} stale ones")]
        public static partial void Recovered(ILogger logger, int scheduled, int held);
    }
}
