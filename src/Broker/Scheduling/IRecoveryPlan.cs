using Broker.Dispatch;

namespace Broker.Scheduling;

/// <summary>What start-up recovery (<see cref="DeliveryRecovery"/>) does differently on each store.</summary>
internal interface IRecoveryPlan
{
    /// <summary>Opens the scheduling window before anything is scheduled; returns its horizon.</summary>
    DateTimeOffset Open(DateTimeOffset now);

    /// <summary>The deliveries named in the intent journal: each may have reached its platform.</summary>
    IReadOnlySet<string> ReadIntents();

    /// <summary>Whether a publishing delivery is another live node's to finish, so recovery leaves it alone.</summary>
    Task<bool> IsClaimedByLiveNodeAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>Of the pending deliveries, those that need a wake-up from this start.</summary>
    Task<IReadOnlyCollection<DueDelivery>> LackingWakeUpAsync(IReadOnlyCollection<DueDelivery> due, CancellationToken cancellationToken);

    /// <summary>Once the reconcile marks are stored: lets the journal forget all but <paramref name="unfinished"/>.</summary>
    void Settle(IReadOnlyCollection<string> unfinished);
}
