using Quartz;

namespace Broker.Scheduling;

/// <summary>
/// The wake-ups on Quartz's clustered store in PostgreSQL. Quartz keeps one trigger per moment something is due, not one
/// per delivery: the due times are rounded up to <see cref="Resolution"/>, and the trigger of each moment fires on exactly
/// one node, whose <see cref="DueDeliveriesJob"/> takes every delivery due by then from the table. Quartz's clustered
/// store takes its one cluster-wide row lock (<c>qrtz_locks</c>) and commits for every acquisition, firing and completion
/// of a trigger; per delivery that serialised the nodes and cost three commits each, per moment it costs a few a second.
/// Triggers of the earlier design (one per delivery, named after it) still fire their delivery until they are gone.
/// </summary>
internal sealed class ClusteredDeliveryScheduler(ISchedulerFactory factory, TimeProvider time) : IDeliveryScheduler
{
    public const string Group = "due";

    /// <summary>The group of the earlier design's triggers, one per delivery, named after it.</summary>
    public const string DeliveryGroup = "deliveries";

    /// <summary>
    /// The step of the wake-ups: a delivery waits at most this long past its due time for its trigger (five triggers a
    /// second while deliveries keep coming).
    /// </summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(200);

    /// <summary>Triggers stored per transaction.</summary>
    private const int Batch = 1000;

    public async Task ScheduleAsync(IReadOnlyCollection<DueDelivery> deliveries, CancellationToken cancellationToken)
    {
        var moments = deliveries.Select(d => Moment(d.DueAt)).Distinct().ToList();
        if (moments.Count == 0)
        {
            return;
        }

        var scheduler = await factory.GetScheduler(cancellationToken);
        if (moments.Count == 1)
        {
            await scheduler.ScheduleJob(Trigger(moments[0]), ScheduleJobOptions.Replacing, cancellationToken);
            return;
        }

        // Quartz stores many triggers in one transaction only together with their job: the one stored at start, as it is.
        var job = await scheduler.GetJobDetail(DueDeliveriesJob.Key, cancellationToken)
            ?? throw new InvalidOperationException($"The durable job {DueDeliveriesJob.Key} is not stored.");
        foreach (var chunk in moments.Chunk(Batch))
        {
            IReadOnlyCollection<ITrigger> triggers = [.. chunk.Select(Trigger)];
            await scheduler.ScheduleJobs(new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [job] = triggers }, ScheduleJobOptions.Replacing, cancellationToken);
        }
    }

    /// <summary>
    /// Only a trigger of the earlier design is the delivery's own; a moment's trigger serves every delivery due then, and
    /// finds a cancelled one cancelled.
    /// </summary>
    public async Task UnscheduleAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(new TriggerKey(deliveryId, DeliveryGroup), cancellationToken);
    }

    /// <summary>
    /// Of <paramref name="due"/>, those with no wake-up: neither a trigger of their own nor one for their moment (two
    /// queries for the keys). A delivery due in the past always lacks one once its moment has fired.
    /// </summary>
    public async Task<IReadOnlyCollection<DueDelivery>> LackingAsync(IReadOnlyCollection<DueDelivery> due, CancellationToken cancellationToken)
    {
        if (due.Count == 0)
        {
            return [];
        }

        var scheduler = await factory.GetScheduler(cancellationToken);
        var moments = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(Group), cancellationToken)).Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var own = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(DeliveryGroup), cancellationToken)).Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        return [.. due.Where(d => !own.Contains(d.DeliveryId) && !moments.Contains(Key(Moment(d.DueAt)).Name))];
    }

    /// <summary>The key of the trigger that wakes a delivery due at <paramref name="dueAt"/>.</summary>
    public static TriggerKey KeyFor(DateTimeOffset dueAt) => Key(Moment(dueAt));

    /// <summary><paramref name="dueAt"/> rounded up to <see cref="Resolution"/>: the trigger never fires before the delivery is due.</summary>
    public static DateTimeOffset Moment(DateTimeOffset dueAt)
    {
        var step = Resolution.Ticks;
        var ticks = dueAt.UtcTicks;
        return new DateTimeOffset((ticks + step - 1) / step * step, TimeSpan.Zero);
    }

    // Named after its moment (Unix milliseconds), no job data. A misfire (every node down past the threshold) fires at
    // once; start-up recovery holds what is staler than Delivery:StaleAfter.
    private ITrigger Trigger(DateTimeOffset moment) => TriggerBuilder.Create(time)
        .WithIdentity(Key(moment))
        .ForJob(DueDeliveriesJob.Key)
        .StartAt(moment)
        .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
        .Build();

    private static TriggerKey Key(DateTimeOffset moment) =>
        new(moment.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Group);
}
