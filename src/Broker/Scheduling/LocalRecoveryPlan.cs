using Broker.Dispatch;
using Broker.Storage;

namespace Broker.Scheduling;

/// <summary>
/// LiteDB, one node: Quartz's store is in memory and empty at start, so every pending delivery gets its wake-up (within
/// the window) again, and the intent journal names the deliveries whose platform call a crash may have cut.
/// </summary>
internal sealed class LocalRecoveryPlan(QuartzDeliveryScheduler scheduler, IIntentRecovery intents) : IRecoveryPlan
{
    public DateTimeOffset Open(DateTimeOffset now) => scheduler.OpenWindow(now);

    public IReadOnlySet<string> ReadIntents() => intents.ReadAll();

    public Task<bool> IsClaimedByLiveNodeAsync(Delivery delivery, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<IReadOnlyCollection<DueDelivery>> LackingWakeUpAsync(IReadOnlyCollection<DueDelivery> due, CancellationToken cancellationToken) =>
        Task.FromResult(due);

    public void Settle(IReadOnlyCollection<string> unfinished) => intents.Settle(unfinished);
}
