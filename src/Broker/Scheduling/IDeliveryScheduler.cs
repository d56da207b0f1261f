namespace Broker.Scheduling;

/// <summary>
/// The one seam between the broker and its scheduler: run delivery <c>id</c> at <c>dueAt</c>. The store is the source of
/// truth; the scheduler only holds wake-ups, rebuilt from the store at start-up.
/// </summary>
public interface IDeliveryScheduler
{
    /// <summary>Schedules (or moves) the wake-ups of these deliveries.</summary>
    Task ScheduleAsync(IReadOnlyCollection<DueDelivery> deliveries, CancellationToken cancellationToken);

    Task UnscheduleAsync(string deliveryId, CancellationToken cancellationToken);
}
