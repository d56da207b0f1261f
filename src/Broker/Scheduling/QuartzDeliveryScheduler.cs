using Microsoft.Extensions.Options;
using Quartz;

namespace Broker.Scheduling;

/// <summary>
/// Quartz holds a wake-up only for the deliveries due within the window (<see cref="SchedulingOptions.Window"/>): up to
/// the horizon. Later ones wait in a sorted list here, a few dozen bytes each where a Quartz trigger takes about 740,
/// until <see cref="FeedAsync"/> moves the horizon past their time and hands them to Quartz. Scheduling, unscheduling
/// and feeding take turns, so a delivery is always in exactly one of the two places, with the time it was last given.
/// Like Quartz's in-memory store, the list is rebuilt from the store at start-up.
/// </summary>
internal sealed class QuartzDeliveryScheduler(ISchedulerFactory factory, IOptions<SchedulingOptions> options, TimeProvider time) : IDeliveryScheduler
{
    private const string Group = "deliveries";

    private static readonly IComparer<(DateTimeOffset DueAt, string Id)> DueOrder = Comparer<(DateTimeOffset DueAt, string Id)>.Create(
        (a, b) => a.DueAt != b.DueAt ? a.DueAt.CompareTo(b.DueAt) : string.CompareOrdinal(a.Id, b.Id));

    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly SortedSet<(DateTimeOffset DueAt, string Id)> later = new(DueOrder);
    private readonly Dictionary<string, DateTimeOffset> laterById = new(StringComparer.Ordinal);

    // The horizon in UTC ticks, 0 until start-up recovery opens the window; moved only in turn.
    private long horizonTicks;

    /// <summary>Every pending delivery due up to this time has a Quartz wake-up; null before the window opens.</summary>
    public DateTimeOffset? Horizon => Interlocked.Read(ref horizonTicks) is > 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public async Task ScheduleAsync(IReadOnlyCollection<DueDelivery> deliveries, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await turn.WaitAsync(cancellationToken);
        try
        {
            var beyond = new HashSet<TriggerKey>();
            foreach (var delivery in deliveries)
            {
                Forget(delivery.DeliveryId);
                if (delivery.DueAt <= Horizon)
                {
                    beyond.Remove(Key(delivery.DeliveryId)); // named twice: the last time given wins, as one by one
                    await AddAsync(scheduler, delivery.DeliveryId, delivery.DueAt, cancellationToken);
                }
                else
                {
                    beyond.Add(Key(delivery.DeliveryId));
                    later.Add((delivery.DueAt, delivery.DeliveryId));
                    laterById[delivery.DeliveryId] = delivery.DueAt;
                }
            }

            // Moved beyond the window: a wake-up one has must not fire at the old time. Removed in one call (one
            // transaction on the clustered store), not one per delivery: a start-up recovers most pending work here.
            if (beyond.Count > 0)
            {
                await scheduler.UnscheduleJobs([.. beyond], cancellationToken);
            }
        }
        finally
        {
            turn.Release();
        }
    }

    public async Task UnscheduleAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await turn.WaitAsync(cancellationToken);
        try
        {
            Forget(deliveryId);
            await scheduler.UnscheduleJob(Key(deliveryId), cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Opens the window at start-up, before anything is scheduled; returns its horizon.</summary>
    public DateTimeOffset OpenWindow(DateTimeOffset now)
    {
        var opened = now + options.Value.Window;
        Interlocked.Exchange(ref horizonTicks, opened.UtcTicks);
        return opened;
    }

    /// <summary>
    /// Moves the horizon to the window's end from now and hands Quartz the waiting deliveries it reaches. Returns how many.
    /// </summary>
    public async Task<int> FeedAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await turn.WaitAsync(cancellationToken);
        try
        {
            if (Horizon is null)
            {
                return 0;
            }

            var horizon = time.GetUtcNow() + options.Value.Window;
            Interlocked.Exchange(ref horizonTicks, horizon.UtcTicks);
            var fed = 0;

            // Each leaves the list only once Quartz has it: should this stop half-way, the rest waits for the next feed.
            while (later.Count > 0 && later.Min is var first && first.DueAt <= horizon)
            {
                await AddAsync(scheduler, first.Id, first.DueAt, cancellationToken);
                later.Remove(first);
                laterById.Remove(first.Id);
                fed++;
            }

            return fed;
        }
        finally
        {
            turn.Release();
        }
    }

    private void Forget(string deliveryId)
    {
        if (laterById.Remove(deliveryId, out var dueAt))
        {
            later.Remove((dueAt, deliveryId));
        }
    }

    private async Task AddAsync(IScheduler scheduler, string deliveryId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        // The trigger's name is the delivery id: no job data per trigger (at 100,000 wake-ups that is 25 MB less).
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(Key(deliveryId))
            .ForJob(PublishDeliveryJob.Key)
            .StartAt(dueAt)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    private static TriggerKey Key(string deliveryId) => new(deliveryId, Group);
}
