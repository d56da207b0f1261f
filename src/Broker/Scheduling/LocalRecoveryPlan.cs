using Broker.Dispatch;
using Broker.Storage;
using Broker.Storage.LiteDb;

namespace Broker.Scheduling;

/// <summary>
/// LiteDB, one node: Quartz's store is in memory and empty at start, so every pending delivery gets its wake-up (within
/// the window) again, and the intent journal names the deliveries whose platform call a crash may have cut.
/// </summary>
internal sealed class LocalRecoveryPlan(QuartzDeliveryScheduler scheduler, IntentJournal journal, BrokerDatabase database) : IRecoveryPlan
{
    public DateTimeOffset Open(DateTimeOffset now) => scheduler.OpenWindow(now);

    public IReadOnlySet<string> ReadIntents() => journal.ReadAll();

    public Task<bool> IsClaimedByLiveNodeAsync(Delivery delivery, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<IReadOnlyCollection<DueDelivery>> LackingWakeUpAsync(IReadOnlyCollection<DueDelivery> due, CancellationToken cancellationToken) =>
        Task.FromResult(due);

    public void Settle(IReadOnlyCollection<string> unfinished)
    {
        // Once the store holds every reconcile mark on disk, the journal needs only the deliveries still pending.
        try
        {
            database.Checkpoint();
        }
        catch (CheckpointPostponedException)
        {
            return; // the journal stays whole until a later compaction has the marks on disk
        }

        journal.Compact(unfinished);
    }
}
