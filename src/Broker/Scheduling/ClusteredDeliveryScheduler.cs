using Quartz;

namespace Broker.Scheduling;

/// <summary>
/// The wake-ups on Quartz's clustered store in PostgreSQL: every pending delivery has its trigger in the database, so no
/// scheduling window is kept in memory, and whichever node acquires a trigger fires it (exactly one does). Many
/// deliveries are scheduled in one Quartz call, one transaction, not one per trigger.
/// </summary>
internal sealed class ClusteredDeliveryScheduler(ISchedulerFactory factory, TimeProvider time) : IDeliveryScheduler
{
    public const string Group = "deliveries";

    /// <summary>Triggers stored per transaction: a start-up with 100,000 deliveries to schedule is 100 of them.</summary>
    private const int Batch = 1000;

    public async Task ScheduleAsync(IReadOnlyCollection<DueDelivery> deliveries, CancellationToken cancellationToken)
    {
        if (deliveries.Count == 0)
        {
            return;
        }

        var scheduler = await factory.GetScheduler(cancellationToken);
        if (deliveries.Count == 1)
        {
            await scheduler.ScheduleJob(Trigger(deliveries.First()), ScheduleJobOptions.Replacing, cancellationToken);
            return;
        }

        // Quartz stores many triggers in one transaction only together with their job: the one stored at start, as it is.
        var job = await scheduler.GetJobDetail(PublishDeliveryJob.Key, cancellationToken)
            ?? throw new InvalidOperationException($"The durable job {PublishDeliveryJob.Key} is not stored.");
        foreach (var chunk in deliveries.Chunk(Batch))
        {
            IReadOnlyCollection<ITrigger> triggers = [.. chunk.Select(Trigger)];
            await scheduler.ScheduleJobs(new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [job] = triggers }, ScheduleJobOptions.Replacing, cancellationToken);
        }
    }

    public async Task UnscheduleAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(Key(deliveryId), cancellationToken);
    }

    /// <summary>The ids of the deliveries that have a trigger now (one query; about 40 bytes each in memory).</summary>
    public async Task<IReadOnlySet<string>> ScheduledAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var keys = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(Group), cancellationToken);
        return keys.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
    }

    // The trigger's name is the delivery id: no job data per trigger. A misfire (every node down past the threshold)
    // fires at once; start-up recovery holds what is staler than Delivery:StaleAfter.
    private ITrigger Trigger(DueDelivery delivery) => TriggerBuilder.Create(time)
        .WithIdentity(Key(delivery.DeliveryId))
        .ForJob(PublishDeliveryJob.Key)
        .StartAt(delivery.DueAt)
        .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
        .Build();

    private static TriggerKey Key(string deliveryId) => new(deliveryId, Group);
}
