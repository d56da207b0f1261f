using Quartz;

namespace Broker.Scheduling;

internal sealed class QuartzDeliveryScheduler(ISchedulerFactory factory, TimeProvider time) : IDeliveryScheduler
{
    private const string Group = "deliveries";

    public async Task ScheduleAsync(IReadOnlyCollection<DueDelivery> deliveries, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        foreach (var delivery in deliveries)
        {
            var trigger = TriggerBuilder.Create(time)
                .WithIdentity(delivery.DeliveryId, Group)
                .ForJob(PublishDeliveryJob.Key)
                .UsingJobData(PublishDeliveryJob.DeliveryIdKey, delivery.DeliveryId)
                .StartAt(delivery.DueAt)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
        }
    }

    public async Task UnscheduleAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(new TriggerKey(deliveryId, Group), cancellationToken);
    }
}
