using Broker.Dispatch;
using Broker.Storage;
using Microsoft.Extensions.Options;
using Quartz;

namespace Broker.Scheduling;

/// <summary>
/// Quartz holds a wake-up only for the deliveries due within the window (<see cref="SchedulingOptions.Window"/>): up to
/// the horizon. Later ones stay in the store alone until <see cref="FeedAsync"/> moves the horizon past their time.
/// Scheduling and feeding take turns, so nothing is lost at the edge: a delivery due within the horizon is scheduled by
/// its caller, and one due beyond it was stored before its caller got its turn, so the feed that reaches it reads it.
/// </summary>
internal sealed class QuartzDeliveryScheduler(
    ISchedulerFactory factory,
    IDeliveryStore store,
    IOptions<SchedulingOptions> options,
    TimeProvider time) : IDeliveryScheduler
{
    private const string Group = "deliveries";

    private readonly SemaphoreSlim turn = new(1, 1);

    // The horizon in UTC ticks, 0 until start-up recovery opens the window; moved only in turn. A whole millisecond,
    // as the store keeps times: a delivery due after it is stored at or after it, where the next feed starts reading.
    private long horizonTicks;

    /// <summary>Every pending delivery due up to this time has a wake-up; null before the window opens.</summary>
    public DateTimeOffset? Horizon => Interlocked.Read(ref horizonTicks) is > 0 and var ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public async Task ScheduleAsync(IReadOnlyCollection<DueDelivery> deliveries, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await turn.WaitAsync(cancellationToken);
        try
        {
            foreach (var delivery in deliveries)
            {
                if (delivery.DueAt <= Horizon)
                {
                    await AddAsync(scheduler, delivery.DeliveryId, delivery.DueAt, cancellationToken);
                }
                else
                {
                    // Moved beyond the window: its wake-up, if it has one, must not fire at the old time. The feed brings it back.
                    await scheduler.UnscheduleJob(Key(delivery.DeliveryId), cancellationToken);
                }
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
        var opened = Millisecond(now + options.Value.Window);
        Interlocked.Exchange(ref horizonTicks, opened.UtcTicks);
        return opened;
    }

    /// <summary>
    /// Moves the horizon to the window's end from now and schedules the pending deliveries due from the old horizon to
    /// the new one. Returns how many it scheduled.
    /// </summary>
    public async Task<int> FeedAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await turn.WaitAsync(cancellationToken);
        var from = Horizon;
        try
        {
            var to = Millisecond(time.GetUtcNow() + options.Value.Window);
            if (from is not { } after || to <= after)
            {
                return 0;
            }

            // The horizon moves first: a delivery stored from here on, while the store is read, is scheduled by its
            // caller once this feed is done, with the new horizon. One due at the old horizon itself may be scheduled
            // twice, which only replaces its wake-up.
            Interlocked.Exchange(ref horizonTicks, to.UtcTicks);
            var fed = 0;
            await foreach (var delivery in store.ListPendingAsync(after, to, cancellationToken))
            {
                // One being published is in the dispatcher's hands (start-up recovery deals with any left over by a crash).
                if (delivery.Status is DeliveryStatus.Scheduled or DeliveryStatus.Retrying)
                {
                    await AddAsync(scheduler, delivery.Id, delivery.DueAt, cancellationToken);
                    fed++;
                }
            }

            return fed;
        }
        catch
        {
            // Part of the range may be unscheduled: the next feed reads it again (adding a wake-up twice only replaces it).
            Interlocked.Exchange(ref horizonTicks, from?.UtcTicks ?? 0);
            throw;
        }
        finally
        {
            turn.Release();
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

    private static DateTimeOffset Millisecond(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
