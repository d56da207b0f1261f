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
/// Only what scheduling needs is read (no texts, no bodies), a batch at a time. What differs per store is the
/// <see cref="IRecoveryPlan"/>: on LiteDB only the deliveries due within the scheduling window get a Quartz wake-up now
/// (<see cref="QuartzDeliveryScheduler"/> keeps the others for the window); on PostgreSQL only those without a trigger
/// do, and another live node's claims are left to it.
/// </summary>
internal sealed partial class DeliveryRecovery(
    IDeliveryStore deliveries,
    IStateChanges changes,
    Auditor audit,
    IDeliveryScheduler scheduler,
    IRecoveryPlan plan,
    AccountHolds holds,
    IItemStore items,
    ItemProgress progress,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var horizon = plan.Open(now);
        var found = await ReadPendingAsync(now, cancellationToken);
        var reconciled = new List<DueDelivery>();

        // Only an approved item's deliveries are published. One of an item that is not (left by a crash inside an
        // approval before approvals became one transaction, or by a bug) is cancelled, never scheduled.
        var orphans = await CatchUpItemsAsync(found, cancellationToken);
        var cancelled = orphans.Count == 0 ? 0 : await CancelOrphansAsync(found, orphans, now, cancellationToken);

        // The few changes are made once the walk is over, not in the middle of its batches.
        foreach (var (id, _) in found.Reconcile)
        {
            // Named in the journal but not finished in the store: the platform may have the post even though the store
            // lost the "publishing" mark in a crash.
            if (await deliveries.GetAsync(id, cancellationToken) is { } delivery
                && !(delivery.Status == DeliveryStatus.Publishing && await plan.IsClaimedByLiveNodeAsync(delivery, cancellationToken)))
            {
                delivery.Status = DeliveryStatus.Retrying;
                delivery.NeedsReconcile = true;
                delivery.DueAt = now;
                delivery.UpdatedAt = now;
                if (await changes.CommitAsync(new StateChange().Update(delivery), cancellationToken))
                {
                    reconciled.Add(new DueDelivery(id, now));
                }
            }
        }

        var held = 0;
        foreach (var (id, _) in found.Stale)
        {
            if (await deliveries.GetAsync(id, cancellationToken) is { } delivery
                && await holds.HoldAsync(delivery, HoldReasons.Stale(delivery.DueAt, options.Value.StaleAfter), cancellationToken))
            {
                held++;
            }
        }

        plan.Settle(found.Unfinished);
        var lacking = await plan.LackingWakeUpAsync([.. found.Due.Select(d => d.Due)], cancellationToken);
        await scheduler.ScheduleAsync([.. reconciled, .. lacking], cancellationToken);
        await RefreshAsync(found.Refresh, cancellationToken);
        var later = lacking.Count(d => d.DueAt > horizon);
        Log.Recovered(logger, lacking.Count + reconciled.Count - later, later, held);
        if (cancelled > 0)
        {
            Log.OrphansCancelled(logger, cancelled);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<PendingFound> ReadPendingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var staleBefore = now - options.Value.StaleAfter;
        var intents = plan.ReadIntents();
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
                found.Reconcile.Add((delivery.Id, delivery.ItemId));
            }
            else if (delivery.DueAt < staleBefore)
            {
                found.Stale.Add((delivery.Id, delivery.ItemId));
            }
            else
            {
                found.Due.Add((new DueDelivery(delivery.Id, delivery.DueAt), delivery.ItemId));
            }
        }

        return found;
    }

    // A crash can keep a delivery's "published" and lose its item's: bring approved items up to date. An item has one
    // live delivery per account; when every one of them is still pending (or was just held) there is nothing to catch up
    // with, so only the others are refreshed (at 100,000 pending this was most of the start-up). Returns the items with
    // pending deliveries that are not approved (nor published or failed). Only the approved items are listed (published
    // ones pile up over the years); the few other items with pending deliveries are looked up one by one.
    private async Task<HashSet<string>> CatchUpItemsAsync(PendingFound found, CancellationToken cancellationToken)
    {
        var pendingPerItem = found.PendingPerItem;
        var orphans = new HashSet<string>(pendingPerItem.Keys, StringComparer.Ordinal);
        await foreach (var item in items.ListApprovedAsync(cancellationToken))
        {
            orphans.Remove(item.Id);
            if (!pendingPerItem.TryGetValue(item.Id, out var stillPending) || stillPending != item.AccountCount)
            {
                found.Refresh.Add(item.Id);
            }
        }

        foreach (var id in orphans.ToList())
        {
            if (await items.GetAsync(id, cancellationToken) is { Status: Intake.ItemStatus.Approved or Intake.ItemStatus.Published or Intake.ItemStatus.Failed })
            {
                orphans.Remove(id);
            }
        }

        return orphans;
    }

    // A hundred items at a time, each hundred read and brought up to date in one commit (ItemProgress.RefreshManyAsync).
    private async Task RefreshAsync(IEnumerable<string> itemIds, CancellationToken cancellationToken)
    {
        foreach (var some in itemIds.Chunk(100))
        {
            await progress.RefreshManyAsync(some, cancellationToken);
        }
    }

    private async Task<int> CancelOrphansAsync(PendingFound found, HashSet<string> orphanItems, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = found.Due.Where(d => orphanItems.Contains(d.ItemId)).Select(d => d.Due.DeliveryId)
            .Concat(found.Reconcile.Concat(found.Stale).Where(d => orphanItems.Contains(d.ItemId)).Select(d => d.Id))
            .ToHashSet(StringComparer.Ordinal);
        found.Due.RemoveAll(d => ids.Contains(d.Due.DeliveryId));
        found.Reconcile.RemoveAll(d => ids.Contains(d.Id));
        found.Stale.RemoveAll(d => ids.Contains(d.Id));
        found.Unfinished.RemoveAll(ids.Contains);
        var cancelled = 0;
        foreach (var id in ids)
        {
            if (await deliveries.GetAsync(id, cancellationToken) is not { } delivery)
            {
                continue;
            }

            delivery.Status = DeliveryStatus.Cancelled;
            delivery.Explain(DeliveryReasonCodes.NotApproved, "Its item is not approved: a delivery of an item that is not approved is never published.");
            delivery.UpdatedAt = now;
            var change = new StateChange().Update(delivery).Record(audit.Entry(Auditor.System, "delivery.cancelled", "delivery", delivery.Id, delivery.Error));
            if (await changes.CommitAsync(change, cancellationToken))
            {
                cancelled++;
            }
        }

        return cancelled;
    }

    private sealed class PendingFound
    {
        public Dictionary<string, int> PendingPerItem { get; } = new(StringComparer.Ordinal);

        public List<(DueDelivery Due, string ItemId)> Due { get; } = [];

        public List<(string Id, string ItemId)> Reconcile { get; } = [];

        public List<(string Id, string ItemId)> Stale { get; } = [];

        /// <summary>Approved items to bring up to date with their deliveries.</summary>
        public List<string> Refresh { get; } = [];

        public List<string> Unfinished { get; } = [];
    }

    private static partial class Log
    {
        [LoggerMessage(3201, LogLevel.Information, "Recovered {Scheduled} pending deliveries from the store and {Later} due after the scheduling window; held {Held} stale ones")]
        public static partial void Recovered(ILogger logger, int scheduled, int later, int held);

        [LoggerMessage(3202, LogLevel.Warning, "Cancelled {Cancelled} pending deliveries whose items are not approved; they are never published")]
        public static partial void OrphansCancelled(ILogger logger, int cancelled);
    }
}
